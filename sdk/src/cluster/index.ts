// The cluster exchange off-chain: the contract's distance (geo), the optimal matcher and its greedy baseline, the
// contract's batch checks, and a seeded instance generator. Browser-safe (no node: APIs).
export type { CheckResult, Intent, Match, MatchOptions, MatchResult } from "./types.ts";
export { distanceMetres, haversineMetres, isqrt, validPlace } from "./geo.ts";
export { cheapestAtQuantity, greedyNearestFirst, matchIntents } from "./matcher.ts";
export { checkMatches, normaliseIntent, pairRule } from "./validate.ts";
export { randomClusterInstance, RANDOM_EPOCH } from "./random.ts";
export type { RandomClusterOptions } from "./random.ts";
