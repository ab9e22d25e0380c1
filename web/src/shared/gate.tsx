import type { ReactNode } from "react";
import { useWallet } from "./wallet";

/** Explains what is missing before an action is possible: a wallet, the right network. */
export function WalletGate({ action, children }: { action: string; children: ReactNode }) {
  const { isConnected, onTargetChain } = useWallet();
  if (!isConnected) return <p className="notice">Connect a wallet (top right) to {action}.</p>;
  if (!onTargetChain)
    return <p className="notice">Switch your wallet to the right network (see the banner above) to {action}.</p>;
  return <>{children}</>;
}
