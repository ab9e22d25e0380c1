// Every write of the design commons, typed by DesignCommons' ABI and sent through the shared write: registering a
// design and its terms, taking a licence, paying its fees (ETH sent along, or the ERC-20 approved first) and releasing
// held income. Refusals are worded by the module's table (amounts in the fee's currency), and a token's or the
// ledger's error the contract bubbles up by theirs.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex, PublicClient } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { contributionErrors } from "../contribution/errors";
import { useApproval } from "../shared/approval";
import { targetChain } from "../shared/config";
import { tokenErrors } from "../shared/data/tokenErrors";
import { tokenInfo, type TokenInfo } from "../shared/data/tokens";
import { knownRevert, wordWith, type Wording } from "../shared/errorWords";
import { formatInt, isEth } from "../shared/format";
import { useWrite, type TxOutcome } from "../shared/tx";
import { designsAddress } from "./contracts";
import type { Terms } from "./data/types";
import { designsContext, designsErrors } from "./errors";
import { amountIn } from "./fees";
import { parseMetadata } from "./metadata";

/** Terms as a design is registered or re-termed with (the contract's Terms struct). */
export type TermsInput = Pick<
  Terms,
  "currency" | "feePerUnit" | "feePerPeriod" | "periodLength" | "licenceDuration" | "derivativeShareBps"
>;

/** The module's wording, with amounts in `currency`: its own table, then the token's and the ledger's. */
export function designsWordings(currency?: TokenInfo): Wording[] {
  const ctx = designsContext(currency);
  return [wordWith(designsErrors, ctx), wordWith(tokenErrors, ctx), wordWith(contributionErrors, undefined)];
}

/** A licence's payment: the fee, its currency (the zero address: ETH), the payer (the licensee), and the design's
 * name for the transaction's title. */
type Payment = [fee: bigint, currency: Address, payer: Address, designName?: string];

const plural = (n: bigint | number, one: string, many: string) => `${formatInt(n)} ${BigInt(n) === 1n ? one : many}`;

/** Only the struct's fields, in the contract's order (a view's Terms carries its version and block too). */
const termsArg = (t: TermsInput) => ({
  currency: t.currency,
  feePerUnit: t.feePerUnit,
  feePerPeriod: t.feePerPeriod,
  periodLength: t.periodLength,
  licenceDuration: t.licenceDuration,
  derivativeShareBps: t.derivativeShareBps,
});

export function useDesignsWrites() {
  const config = useConfig();
  const wordings = useMemo(() => designsWordings(), []);
  const commons = useWrite({ abi: designCommonsAbi, address: designsAddress }, wordings);
  const approve = useApproval(wordings);

  return useMemo(() => {
    /** A fee's currency: ETH, or the ERC-20's symbol and decimals (read once per token). */
    const currencyOf = (currency: Address) =>
      tokenInfo(getPublicClient(config, { chainId: targetChain.id }) as PublicClient, currency);
    /** Lets the design commons take an ERC-20 `fee` from `payer` (nothing to do for ETH or no fee). */
    const approveFee = (fee: bigint, token: TokenInfo, payer: Address): Promise<TxOutcome> =>
      fee === 0n || isEth(token.address) || !designsAddress
        ? Promise.resolve({ ok: true })
        : approve(`Allow the design commons to take ${amountIn(token)(fee)}`, {
            token: token.address,
            owner: payer,
            spender: designsAddress,
            amount: fee,
          });
    /** The ETH a payment sends: the fee in ETH, none for an ERC-20 (the contract pulls it). */
    const valueOf = (fee: bigint, token: TokenInfo) => (isEth(token.address) ? fee : 0n);
    const of = (designName?: string) => (designName ? ` of ${designName}` : "");
    /** Pays the fee with `send`: the ERC-20 approved first when needed, the call worded in the fee's currency. */
    async function pay(
      [fee, currency, payer]: Payment,
      send: (token: TokenInfo, value: bigint, wordings: Wording[]) => Promise<TxOutcome>,
    ) {
      const token = await currencyOf(currency);
      const approved = await approveFee(fee, token, payer);
      return approved.ok ? send(token, valueOf(fee, token), designsWordings(token)) : approved;
    }

    return {
      /** A revert a form knows before sending, in the words its decoded revert has (amounts in base units). */
      refusal: knownRevert(designsErrors, designsContext()),
      /** As `refusal`, with amounts in `currency` (a licence's fee currency), as its payments word their reverts. */
      refusalIn: (currency: TokenInfo) => knownRevert(designsErrors, designsContext(currency)),

      registerDesign: (
        contentHash: Hex,
        metadataURI: string,
        projectId: bigint,
        terms: TermsInput,
        parents: bigint[],
        designName = parseMetadata(metadataURI)?.name,
      ) => {
        const what = designName ? `the design “${designName}”` : `a design of project ${projectId}`;
        const from = parents.length ? `, derived from ${parents.map((p) => `design #${p}`).join(", ")}` : "";
        return commons(`Register ${what}${from}`, {
          functionName: "registerDesign",
          args: [contentHash, metadataURI, projectId, termsArg(terms), parents],
        });
      },
      setTerms: (designId: bigint, terms: TermsInput, designName = `design #${designId}`) =>
        commons(`Set new licence terms for ${designName}`, {
          functionName: "setTerms",
          args: [designId, termsArg(terms)],
        }),
      takeLicence: (designId: bigint, designName: string) =>
        commons(`Take a licence on ${designName}`, { functionName: "takeLicence", args: [designId] }),

      /** Reports `units` made under the licence and pays `fee` (0 under a commons licence) in `currency`. */
      reportProduction: (licenceId: bigint, units: bigint, ...payment: Payment) => {
        const [fee, , , designName] = payment;
        return pay(payment, (token, value, wordings) =>
          commons(
            `Report ${plural(units, "unit", "units")}${of(designName)} made under licence #${licenceId}${fee > 0n ? ` and pay ${amountIn(token)(fee)}` : ""}`,
            { functionName: "reportProduction", args: [licenceId, units], value },
            wordings,
          ),
        );
      },
      /** Pays `fee` in `currency` for `periods` periods of use under the licence. */
      payPeriods: (licenceId: bigint, periods: number, ...payment: Payment) => {
        const [fee, , , designName] = payment;
        return pay(payment, (token, value, wordings) =>
          commons(
            `Pay ${amountIn(token)(fee)} for ${plural(periods, "period", "periods")} of use${of(designName)} under licence #${licenceId}`,
            { functionName: "payPeriods", args: [licenceId, periods], value },
            wordings,
          ),
        );
      },
      /** Pays `fee` in `currency` of what the licence owes for its report operators' reports (all of it, or part). */
      payOwed: (licenceId: bigint, ...payment: Payment) => {
        const [fee, , , designName] = payment;
        return pay(payment, (token, value, wordings) =>
          commons(
            `Pay ${amountIn(token)(fee)} owed for reported production${of(designName)} under licence #${licenceId}`,
            { functionName: "payOwed", args: [licenceId, fee], value },
            wordings,
          ),
        );
      },
      /** Lets `operator` (named `who`) report production on the account's licences, or stops it. */
      setReportOperator: (operator: Address, approved: boolean, who: string) =>
        commons(
          approved ? `Let ${who} report my production of licensed designs` : `Stop ${who} reporting my production`,
          { functionName: "setReportOperator", args: [operator, approved] },
        ),
      /** Deposits everything held for the project in `currency` (named `symbol`) into the ledger as its income. */
      release: (projectId: bigint, currency: Address, symbol: string) =>
        commons(`Release the ${symbol} held for project ${projectId} into its income`, {
          functionName: "release",
          args: [projectId, currency],
        }),
    };
  }, [config, commons, approve]);
}

export type DesignsWrites = ReturnType<typeof useDesignsWrites>;
