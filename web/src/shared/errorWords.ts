// The type of a module's wording of its contracts' custom errors (one sentence per error name of the ABI, from the
// error's named arguments), its binding to the context the module words in (unit, names), and a form's wording of a
// revert it predicts through the same table.
import type { Abi, AbiParameter, AbiParameterToPrimitiveType, ContractErrorName } from "viem";

/** An input's name, or `arg<i>` when the ABI leaves it unnamed. */
type InputName<P, I extends string> = P extends { name: infer N extends string }
  ? N extends ""
    ? `arg${I}`
    : N
  : `arg${I}`;

/** The decoded arguments of an ABI error, by input name. */
export type ErrorArgs<E> = E extends { type: "error"; inputs: infer In extends readonly AbiParameter[] }
  ? {
      [K in keyof In as K extends `${number}` ? InputName<In[K], K> : never]: In[K] extends AbiParameter
        ? AbiParameterToPrimitiveType<In[K]>
        : never;
    }
  : never;

/** One error's sentence (declared as a method so that a table reads as a record of functions at run time). */
type Words<Args, Ctx> = { words(args: Args, ctx: Ctx): string }["words"];

/**
 * Every custom error of `A` worded from its named arguments and the module's context: a contract error without
 * wording fails the type check.
 */
export type ErrorTable<A extends Abi, Ctx> = {
  [N in ContractErrorName<A>]: Words<ErrorArgs<Extract<A[number], { type: "error"; name: N }>>, Ctx>;
};

/** A table bound to its context: the sentence for a decoded error, or undefined when the table has no such error. */
export type Wording = (errorName: string, args: Readonly<Record<string, unknown>>) => string | undefined;

/** Binds a module's table to the context it words in (its unit, account names). */
export function wordWith<A extends Abi, Ctx>(table: ErrorTable<A, Ctx>, ctx: Ctx): Wording {
  // The walk hands over arguments decoded against the contracts' ABIs, keyed by the same input names the table is
  // typed with; the table is read as the plain record of functions it is at run time.
  const words: Readonly<Record<string, Words<Readonly<Record<string, unknown>>, Ctx>>> = table;
  return (errorName, args) => (Object.hasOwn(words, errorName) ? words[errorName](args, ctx) : undefined);
}

/** The arguments the ABI `A` gives its error `N`, by input name. */
export type ErrorArgsOf<A extends Abi, N extends ContractErrorName<A>> = ErrorArgs<
  Extract<A[number], { type: "error"; name: N }>
>;

/**
 * A revert a form knows before sending (the arguments it would carry), worded as the decoded revert reads: the
 * error's name and arguments are typed by the ABI, so a form cannot word a known refusal differently.
 */
export type KnownRevert<A extends Abi> = <N extends ContractErrorName<A>>(
  errorName: N,
  args: ErrorArgsOf<A, N>,
) => string;

/**
 * The known-revert wording of a module: its table bound to the same context as its `wordWith` (the sentence is then
 * the one `explainError` shows for that revert, in the toast and under the form).
 */
export function knownRevert<A extends Abi, Ctx>(table: ErrorTable<A, Ctx>, ctx: Ctx): KnownRevert<A> {
  return (errorName, args) => {
    const words: Words<typeof args, Ctx> = table[errorName];
    return words(args, ctx);
  };
}

/** An amount in base units, for a contract whose unit is not known (yet). */
export const baseUnits = (value: bigint) => value.toString();

/** How a module words arguments: accounts by name, amounts in the contract's unit. */
export interface WordContext {
  name: (account: string) => string;
  amount: (value: bigint) => string;
}
