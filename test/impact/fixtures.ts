// Fixtures of the impact tests: a registry governed by a CouncilTimelock (schedule, wait, execute), three verifiers,
// four methodologies, a market, a 6-decimal ERC-20, and helpers to submit, verify, list, buy and revoke.
import { network } from "hardhat";
import type { BaseContract, BigNumberish } from "ethers";
import { attestationTypesMutable, impactDomain } from "../../sdk/src/eip712.ts";
import type { CouncilTimelock, ImpactMarket, ImpactRegistry } from "../../types/ethers-contracts/index.ts";

export const { ethers, networkHelpers } = await network.create();

export const DAY = 86_400;
/** The registry's MIN_ADMIN_DELAY: the shortest delay its admin timelock may have. */
export const ADMIN_DELAY = 3_600;
/** Impact units are kg CO2e: 1 tonne = 1000 units. */
export const TONNE = 1000n;
export const ETH = ethers.ZeroAddress;
export const ZERO_HASH = ethers.ZeroHash;
export const VERIFIER_ROLE = ethers.id("VERIFIER_ROLE");
export const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
/** Price per unit (kg) of the default ETH listing: 0.02 ETH per tonne. */
export const PRICE = ethers.parseEther("0.00002");
/** Price per unit of the default dEUR listing: 25 dEUR (6 decimals) per tonne. */
export const PRICE_EURS = 25_000n;
export const Status = { None: 0n, Submitted: 1n, Verified: 2n, Rejected: 3n, Revoked: 4n } as const;

/** Methodologies of the fixture: id, k, name; methodology 4 exists but is inactive. */
export const METHODOLOGIES = [
  { id: 1, threshold: 2, active: true, name: "Building heat-pump retrofit v1" },
  { id: 2, threshold: 1, active: true, name: "Fishing-fleet electrification v1" },
  { id: 3, threshold: 3, active: true, name: "Biochar in soils v1" },
  { id: 4, threshold: 2, active: false, name: "Retired methodology v0" },
] as const;

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
type Registry = ImpactRegistry;

let salt = 0;

/** Runs `data` on `target` through the timelock (its only proposer and executor is `admin`), waiting out its delay. */
export async function viaTimelock(timelock: CouncilTimelock, admin: Signer, target: string, data: string) {
  const s = ethers.id(`impact salt ${++salt}`);
  await (await timelock.connect(admin).schedule(target, 0, data, ZERO_HASH, s, ADMIN_DELAY)).wait();
  await networkHelpers.time.increase(ADMIN_DELAY);
  return timelock.connect(admin).execute(target, 0, data, ZERO_HASH, s);
}

/** What a buyer names for `units` of a listing it just read: its currency and version, at most `maxPricePerUnit` each. */
export async function terms(
  market: ImpactMarket,
  claimId: BigNumberish,
  units: BigNumberish,
  maxPricePerUnit: BigNumberish,
) {
  const listing = await market.getListing(claimId);
  return {
    currency: listing.currency,
    listingVersion: listing.version,
    maxCost: BigInt(units) * BigInt(maxPricePerUnit),
  };
}

/** Votes to revoke `units` of `claimId` by each of `verifiers` in turn (k votes revoke the smallest amount voted). */
export async function revokeBy(
  registry: Registry,
  verifiers: Signer[],
  claimId: BigNumberish,
  units: BigNumberish,
  reasonHash: string = ZERO_HASH,
) {
  for (const v of verifiers) await (await registry.connect(v).revoke(claimId, units, reasonHash, "")).wait();
}

/** Today as days since 1970-01-01 (UTC) on the chain's clock. */
export async function today(): Promise<number> {
  return Math.floor((await networkHelpers.time.latest()) / DAY);
}

export async function latest(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

/** ISO 3166 code as bytes8 (ASCII, right-padded with zero bytes). */
export const jurisdiction = (code: string) => ethers.hexlify(ethers.toUtf8Bytes(code.padEnd(8, "\0")));

export interface ClaimInput {
  units: bigint;
  methodologyId: number;
  startDay: number;
  endDay: number;
  jurisdiction: string;
  evidenceHash: string;
  evidenceURI: string;
  externalSerial: string;
}

let evidence = 0;

/** A valid claim for 120 t of methodology 1 over last year, with fresh evidence (day numbers relative to `day`). */
export function claimInput(day: number, overrides: Partial<ClaimInput> = {}): ClaimInput {
  const n = ++evidence;
  return {
    units: 120n * TONNE,
    methodologyId: 1,
    startDay: day - 365,
    endDay: day - 1,
    jurisdiction: jurisdiction("BE-VOV"),
    evidenceHash: ethers.id(`evidence ${n}`),
    evidenceURI: `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/${n}.pdf`,
    externalSerial: "",
    ...overrides,
  };
}

export async function deployImpact() {
  const [admin, alice, bob, v1, v2, v3, funder, buyer, city, outsider, ...rest] = await ethers.getSigners();
  // The timelock administers itself (no extra admin); `admin` is its only proposer and executor.
  const timelock = await ethers.deployContract("CouncilTimelock", [ADMIN_DELAY, [admin.address], [admin.address], ETH]);
  const registry = await ethers.deployContract("ImpactRegistry", [await timelock.getAddress(), "ipfs://units/{id}"]);
  const registryAddress = await registry.getAddress();
  const certificates = await ethers.getContractAt("RetirementCertificates", await registry.certificates());
  const market = await ethers.deployContract("ImpactMarket", [registryAddress]);
  const marketAddress = await market.getAddress();
  const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
  const gov = (fn: string, args: unknown[]) =>
    viaTimelock(timelock, admin, registryAddress, registry.interface.encodeFunctionData(fn as never, args as never));
  for (const m of METHODOLOGIES) await gov("setMethodology", [m.id, m.threshold, m.active, m.name]);
  for (const v of [v1, v2, v3]) await gov("grantRole", [VERIFIER_ROLE, v.address]);
  for (const who of [alice, bob]) await registry.connect(who).setApprovalForAll(marketAddress, true);
  for (const who of [funder, buyer, city, outsider]) {
    await token.mint(who.address, 1_000_000n * 10n ** 6n);
    await token.connect(who).approve(marketAddress, ethers.MaxUint256);
  }
  const day = await today();
  return {
    timelock,
    registry,
    registryAddress,
    certificates,
    market,
    marketAddress,
    token,
    tokenAddress: await token.getAddress(),
    gov,
    day,
    admin,
    alice,
    bob,
    v1,
    v2,
    v3,
    funder,
    buyer,
    city,
    outsider,
    rest,
  };
}

/** Submits `input` as `who` and returns the new claim id. */
export async function submit(registry: Registry, who: Signer, input: ClaimInput): Promise<bigint> {
  await (await registry.connect(who).submitClaim(input)).wait();
  return registry.claimCount();
}

/** Alice's claim 1: 120 t of methodology 1 (k = 2), approved at 118 t by v1 and 115 t by v2: 115,000 units minted. */
export async function verifiedClaim() {
  const f = await deployImpact();
  const { registry, alice, v1, v2, day } = f;
  const input = claimInput(day, { externalSerial: "CLA-2025-0001" });
  const id = await submit(registry, alice, input);
  await registry.connect(v1).attest(id, 118n * TONNE, ethers.id("report v1"));
  await registry.connect(v2).attest(id, 115n * TONNE, ethers.id("report v2"));
  return { ...f, id, input, verified: 115n * TONNE };
}

/** `verifiedClaim` with 100 t of it listed by alice at PRICE (ETH). */
export async function listedClaim() {
  const f = await verifiedClaim();
  await f.market.connect(f.alice).list(f.id, ETH, PRICE, 100n * TONNE);
  return { ...f, listed: 100n * TONNE };
}

/** `listedClaim` after the buyer bought 10 t at the listed price. */
export async function boughtClaim() {
  const f = await listedClaim();
  const units = 10n * TONNE;
  await f.market.connect(f.buyer).buy(f.id, units, await terms(f.market, f.id, units, PRICE), { value: PRICE * units });
  return f;
}

/** The default round's rules (ETH, one for one, 30 days, caps 1 ETH per claim and 0.5 ETH per buyer, methodologies 1 and 2). */
export function roundConfig(endTime: number | bigint, overrides: Partial<RoundConfig> = {}): RoundConfig {
  return {
    currency: ETH,
    matchBps: 10_000,
    endTime: BigInt(endTime),
    maxPricePerUnit: PRICE,
    capPerClaim: ethers.parseEther("1"),
    capPerBuyer: ethers.parseEther("0.5"),
    methodologyMask: (1n << 1n) | (1n << 2n),
    name: "City of Ghent climate fund",
    allowListOnly: false,
    acceptsRevokedClaims: false,
    ...overrides,
  };
}

export interface RoundConfig {
  currency: string;
  matchBps: number;
  endTime: bigint;
  maxPricePerUnit: bigint;
  capPerClaim: bigint;
  capPerBuyer: bigint;
  methodologyMask: bigint;
  name: string;
  allowListOnly: boolean;
  acceptsRevokedClaims: boolean;
}

/** `listedClaim` with the city's round 1 (roundConfig, 2 ETH deposited, ending in 30 days). */
export async function withRound() {
  const f = await listedClaim();
  const endTime = (await latest()) + 30n * BigInt(DAY);
  const config = roundConfig(endTime);
  const deposit = ethers.parseEther("2");
  await f.market.connect(f.city).createRound(config, deposit, { value: deposit });
  return { ...f, roundId: 1n, config, endTime, deposit };
}

/** EIP-712 signature of `attestation` by `signer` for `registry` (on `chainId`, by default the network's). */
export async function signAttestation(
  registryAddress: string,
  signer: { signTypedData: Signer["signTypedData"] },
  attestation: Attestation,
  chainId?: bigint,
) {
  const id = chainId ?? (await ethers.provider.getNetwork()).chainId;
  return signer.signTypedData(impactDomain(id, registryAddress as `0x${string}`), attestationTypesMutable, attestation);
}

export interface Attestation {
  verifier: string;
  claimId: bigint;
  verifiedUnits: bigint;
  reportHash: string;
  nonce: bigint;
  deadline: bigint;
}

/** Decodes `data` (revert data recorded by a mock) with the errors of `contracts`: [name, args]. */
export function decodeError(data: string, ...contracts: BaseContract[]): [string, unknown[]] {
  for (const c of contracts) {
    const parsed = c.interface.parseError(data);
    if (parsed) return [parsed.name, [...parsed.args]];
  }
  return ["<unknown>", [data]];
}

/** Sum of the balances of `holders` for token id `id`. */
export async function unitsHeld(registry: Registry, id: bigint, holders: { address: string }[]) {
  let total = 0n;
  for (const h of holders) total += await registry.balanceOf(h.address, id);
  return total;
}
