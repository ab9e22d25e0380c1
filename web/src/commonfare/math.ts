// The commonfare circle's arithmetic in the browser, exactly as contracts/commonfare/GiftMath.sol and Commonfare.sol
// compute it (BigInt, every rounding the contract's): the gift index step, what an account has given since its last
// settlement, its balance now, the months of a claim begun, and the months of cover a pool holds. Plain TypeScript (no
// imports), so Node's type stripping loads it too.

/** The index scale: the index counts gifts taken per unit of monthly deposit, × 1e18 (GiftMath.SCALE). */
export const SCALE = 10n ** 18n;

/** "No burn": the contract's coverMonths1e2 when no claim runs (type(uint256).max). */
export const NO_BURN = 2n ** 256n - 1n;

/** `ceil(a * b / d)` of non-negative integers (OpenZeppelin's Math.mulDiv with Rounding.Ceil). */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError("mulDivCeil: division by zero");
  const p = a * b;
  return p / d + (p % d === 0n ? 0n : 1n);
}

/**
 * How much a gift (or a write-off) of `amount` raises the index when the funding members' monthly deposits sum to
 * `fundingWeight`: `ceil(amount * 1e18 / fundingWeight)` (GiftMath.indexStep).
 */
export const indexStep = (amount: bigint, fundingWeight: bigint) => mulDivCeil(amount, SCALE, fundingWeight);

/**
 * What an account of monthly deposit `weight`, last settled at index `snapshot`, has given since, at index `index`:
 * `ceil(weight * (index - snapshot) / 1e18)` (GiftMath.given).
 */
export function given(weight: bigint, index: bigint, snapshot: bigint): bigint {
  if (index < snapshot) throw new RangeError("given: the index never falls");
  return mulDivCeil(weight, index - snapshot, SCALE);
}

/**
 * An account's balance at `index` (Commonfare._balanceNow): a funding member (status Member) has given its share of
 * every gift since its snapshot; a claimant's account is frozen; a candidate's or an outsider's is what it holds.
 */
export function balanceAt(
  account: { funding: boolean; balance: bigint; snapshot: bigint },
  weight: bigint,
  index: bigint,
): bigint {
  return account.funding ? account.balance - given(weight, index, account.snapshot) : account.balance;
}

/**
 * The months of a claim begun by `now` for a claim started at `startedAt` (0: not started): month k (from 0) begins at
 * `startedAt + k * month`, the first at once; at most `maxMonths` (GiftMath.monthsBegun).
 */
export function monthsBegun(startedAt: number, now: number, month: number, maxMonths: number): number {
  if (startedAt === 0 || now < startedAt) return 0;
  return Math.min(Math.floor((now - startedAt) / month) + 1, maxMonths);
}

/** The months of cover a pool holds at a monthly burn, × 100, rounded down; NO_BURN when nothing burns. */
export function coverMonths1e2(pool: bigint, burn: bigint): bigint {
  return burn === 0n ? NO_BURN : (pool * 100n) / burn;
}

/** Months of cover × 100 as a number of months (Infinity for NO_BURN). */
export const coverMonths = (cover1e2: bigint) => (cover1e2 === NO_BURN ? Infinity : Number(cover1e2) / 100);
