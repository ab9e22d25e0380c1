// The one clock of every read: the latest block, watched once (a block per polling interval); when a new block
// arrives, the active reads refresh (chain readers read only the new blocks), instead of timers reloading history.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useBlock } from "wagmi";
import { targetChain } from "../config";

/** The latest block (number and timestamp), shared by every screen. */
export function useHeadBlock() {
  return useBlock({ chainId: targetChain.id, watch: true });
}

/** Mounted once at the root: refreshes the active queries (not the block itself) whenever the head moves. */
export function LiveBlocks() {
  const queryClient = useQueryClient();
  const head = useHeadBlock().data?.number;
  const seen = useRef<bigint | undefined>(undefined);
  useEffect(() => {
    if (head === undefined) return;
    if (seen.current !== undefined && head !== seen.current)
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "block", refetchType: "active" });
    seen.current = head;
  }, [head, queryClient]);
  return null;
}
