// Payment paths over the network's pay capacities: the fewest hops that carry the amount, widest among those; else
// the widest path there is, so the person learns how much could go through.
import type { Address } from "viem";
import type { CreditGraph } from "./data/types";
import { capacityOf, memberOf } from "./model";

export interface Hop {
  from: Address;
  to: Address;
  /** What `from` can pay `to` on this hop right now. */
  capacity: bigint;
}

export interface Route {
  /** Every account on the way, payer first and payee last. */
  nodes: Address[];
  hops: Hop[];
  /** The smallest hop capacity: the most this route can carry. */
  bottleneck: bigint;
}

export type RouteResult = { ok: true; route: Route } | { ok: false; reason: string; widest?: Route };

/** The accounts `a` can pay directly (any line between them, in either direction), sorted for determinism. */
function neighbours(s: CreditGraph): Map<string, Address[]> {
  const adj = new Map<string, Map<string, Address>>();
  const add = (a: Address, b: Address) => {
    const k = a.toLowerCase();
    if (!adj.has(k)) adj.set(k, new Map());
    adj.get(k)!.set(b.toLowerCase(), b);
  };
  for (const l of s.lines)
    if (l.limit > 0n || l.used > 0n) {
      add(l.giver, l.receiver);
      add(l.receiver, l.giver);
    }
  for (const [k, claim] of s.claims)
    if (claim > 0n) {
      // a creditor may always pay down what the other owes it, even after the line was closed or cut
      const [a, b] = k.split("|");
      const ma = memberOf(s, a);
      const mb = memberOf(s, b);
      if (ma && mb) add(ma.account, mb.account);
    }
  const out = new Map<string, Address[]>();
  for (const [k, m] of adj)
    out.set(
      k,
      [...m.values()].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1)),
    );
  return out;
}

/**
 * The route to pay `amount` from `from` to `to`. Intermediaries must be active members; a suspended payer or payee
 * may only settle (its hop can use only what the other side owes it), as the contract enforces.
 */
export function findRoute(s: CreditGraph, from: Address, to: Address, amount: bigint): RouteResult {
  const payer = memberOf(s, from);
  const payee = memberOf(s, to);
  if (!payer || payer.status === "None") return { ok: false, reason: "You are not a member of the network." };
  if (!payee || payee.status === "None") return { ok: false, reason: "The recipient is not a member." };
  if (from.toLowerCase() === to.toLowerCase()) return { ok: false, reason: "Choose someone other than yourself." };
  const src = from.toLowerCase();
  const dst = to.toLowerCase();
  const adj = neighbours(s);
  const active = (a: string) => memberOf(s, a)?.status === "Active";
  const cap = (u: Address, v: Address) =>
    capacityOf(
      s,
      u,
      v,
      (u.toLowerCase() === src && payer.status === "Suspended") ||
        (v.toLowerCase() === dst && payee.status === "Suspended"),
    );
  // Nodes a path may pass through: the payee, or an active intermediary.
  const canEnter = (v: Address) => v.toLowerCase() === dst || (v.toLowerCase() !== src && active(v));

  // Breadth-first over hops that can carry the amount; per node the widest bottleneck among the shortest paths.
  const maxHops = s.maxHops;
  const best = new Map<string, { dist: number; width: bigint; prev?: Address; node: Address }>();
  best.set(src, { dist: 0, width: -1n, node: payer.account });
  let frontier: Address[] = [payer.account];
  for (let d = 1; d <= maxHops && frontier.length > 0 && !best.has(dst); d++) {
    const next = new Map<string, Address>();
    for (const u of frontier) {
      const bu = best.get(u.toLowerCase())!;
      if (u.toLowerCase() === dst) continue;
      for (const v of adj.get(u.toLowerCase()) ?? []) {
        const k = v.toLowerCase();
        if (!canEnter(v)) continue;
        const c = cap(u, v);
        if (c < amount) continue;
        const width = bu.width < 0n || c < bu.width ? c : bu.width;
        const seen = best.get(k);
        if (seen && seen.dist < d) continue;
        if (!seen || width > seen.width) {
          best.set(k, { dist: d, width, prev: u, node: v });
          next.set(k, v);
        }
      }
    }
    frontier = [...next.values()];
  }
  if (best.has(dst)) return { ok: true, route: build(best, dst, cap) };

  const widest = widestRoute(payer.account, payee.account, adj, cap, canEnter, maxHops);
  const reason = widest
    ? "No path can carry that amount right now."
    : "There is no path of credit lines from you to the recipient yet.";
  return { ok: false, reason, widest };
}

function build(
  best: Map<string, { prev?: Address; node: Address }>,
  dst: string,
  cap: (u: Address, v: Address) => bigint,
): Route {
  const nodes: Address[] = [];
  let k: string | undefined = dst;
  while (k) {
    const b: { prev?: Address; node: Address } = best.get(k)!;
    nodes.unshift(b.node);
    k = b.prev?.toLowerCase();
  }
  const hops = nodes.slice(1).map((to, i) => ({ from: nodes[i], to, capacity: cap(nodes[i], to) }));
  const bottleneck = hops.reduce((m, h) => (m < 0n || h.capacity < m ? h.capacity : m), -1n);
  return { nodes, hops, bottleneck: bottleneck < 0n ? 0n : bottleneck };
}

/** Maximum-bottleneck path (a Dijkstra variant), ties broken by fewer hops; undefined when none has capacity. */
function widestRoute(
  from: Address,
  to: Address,
  adj: Map<string, Address[]>,
  cap: (u: Address, v: Address) => bigint,
  canEnter: (v: Address) => boolean,
  maxHops: number,
): Route | undefined {
  const src = from.toLowerCase();
  const dst = to.toLowerCase();
  const best = new Map<string, { width: bigint; dist: number; prev?: Address; node: Address; done?: boolean }>();
  best.set(src, { width: -1n, dist: 0, node: from });
  for (;;) {
    let pick: string | undefined;
    for (const [k, b] of best) {
      if (b.done) continue;
      const p = pick ? best.get(pick)! : undefined;
      if (!p || wider(b, p)) pick = k;
    }
    if (!pick) break;
    const bu = best.get(pick)!;
    bu.done = true;
    if (pick === dst) break;
    if (bu.dist >= maxHops) continue;
    for (const v of adj.get(pick) ?? []) {
      if (!canEnter(v)) continue;
      const c = cap(bu.node, v);
      if (c === 0n) continue;
      const width = bu.width < 0n || c < bu.width ? c : bu.width;
      const k = v.toLowerCase();
      const seen = best.get(k);
      const cand = { width, dist: bu.dist + 1, prev: bu.node, node: v };
      if (!seen || (!seen.done && wider(cand, seen))) best.set(k, cand);
    }
  }
  if (!best.has(dst)) return undefined;
  return build(best, dst, cap);
}

function wider(a: { width: bigint; dist: number }, b: { width: bigint; dist: number }) {
  const wa = a.width < 0n ? Infinity : a.width;
  const wb = b.width < 0n ? Infinity : b.width;
  return wa === wb ? a.dist < b.dist : wa > wb;
}
