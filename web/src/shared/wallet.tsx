// Wallet: EIP-6963 injected wallets, the local test wallet (local chain only), account picker for the test
// wallet, and a wrong-network banner with a switch button.
import { useBalance, useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { LOCAL_PERSONAS, personaLabel } from "@cosmolocal/sdk";
import { BURNER_ACCOUNT_COUNT, BURNER_ID, burnerAccount, burnerIndex, selectBurnerAccount } from "./burner";
import { isLocalChain, targetChain } from "./config";
import { explainError } from "./errors";
import { formatAmount } from "./format";
import { accountLabel } from "./names";
import { Who } from "./Who";

/** The connected account, and whether it is on the chain the dApp targets. */
export function useWallet() {
  const c = useConnection();
  const address = c.isConnected ? c.address : undefined;
  return {
    address,
    isConnected: !!address,
    onTargetChain: !!address && c.chainId === targetChain.id,
    connector: c.connector,
  };
}

export function WalletButton() {
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const balance = useBalance({
    address: connection.address,
    chainId: targetChain.id,
  });

  if (connection.isConnected && connection.address) {
    const isBurner = connection.connector?.id === BURNER_ID;
    // Each test account as "#1 Bea — council seat · project member · credit member (0x7099…79C8)".
    const testAccountLabel = (i: number) =>
      `#${i} ${accountLabel(burnerAccount(i).address, LOCAL_PERSONAS[i] && personaLabel(LOCAL_PERSONAS[i]))}`;
    return (
      <div className="wallet" data-testid="wallet" data-address={connection.address}>
        {isBurner ? (
          <label className="wallet-account" title="Hardhat's public test accounts — local chain only">
            <span className="wallet-kind">Test wallet</span>
            <select
              data-testid="burner-account"
              value={String(burnerIndex())}
              onChange={(e) => selectBurnerAccount(Number(e.target.value))}
              aria-label="Test account"
              title={testAccountLabel(burnerIndex())}
              data-identity
            >
              {Array.from({ length: BURNER_ACCOUNT_COUNT }, (_, i) => (
                <option key={i} value={i}>
                  {testAccountLabel(i)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="wallet-account">
            <span className="wallet-kind">{connection.connector?.name}</span>
            <Who address={connection.address} />
          </span>
        )}
        {balance.data && (
          <span className="wallet-balance" data-testid="wallet-balance">
            {formatAmount(balance.data.value, balance.data.decimals, 4)} {balance.data.symbol}
          </span>
        )}
        <button className="btn btn-ghost btn-small" onClick={() => disconnect.mutate({})}>
          Disconnect
        </button>
      </div>
    );
  }

  const injected = connectors.filter((c) => c.id !== BURNER_ID);
  const burner = connectors.find((c) => c.id === BURNER_ID);
  return (
    <div className="wallet">
      {injected.map((c) => (
        <button
          key={c.uid}
          className="btn btn-small"
          onClick={() => connect.mutate({ connector: c, chainId: targetChain.id })}
          disabled={connect.isPending}
        >
          {c.icon && <img src={c.icon} alt="" className="wallet-icon" />}
          {c.name}
        </button>
      ))}
      {burner && (
        <button
          className="btn btn-small btn-secondary"
          data-testid="connect-burner"
          onClick={() => connect.mutate({ connector: burner })}
          disabled={connect.isPending}
        >
          Local test wallet
        </button>
      )}
      {injected.length === 0 && !burner && (
        <span className="muted small">
          No browser wallet found. Install one (it is discovered through EIP-6963) to take part.
        </span>
      )}
      {connect.error && <span className="error small">{explainError(connect.error).message}</span>}
    </div>
  );
}

export function WrongNetworkBanner() {
  const connection = useConnection();
  const switchChain = useSwitchChain();
  if (!connection.isConnected || connection.chainId === targetChain.id) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="wrong-network">
      <span>
        Your wallet is on another network (chain {connection.chainId}). This dApp works on{" "}
        <strong>{targetChain.name}</strong> (chain {targetChain.id}).
      </span>
      <button
        className="btn btn-small"
        onClick={() => switchChain.mutate({ chainId: targetChain.id })}
        disabled={switchChain.isPending}
      >
        Switch to {targetChain.name}
      </button>
      {switchChain.error && <span className="error small">{explainError(switchChain.error).message}</span>}
    </div>
  );
}

export function LocalChainNote() {
  if (!isLocalChain) return null;
  return (
    <p className="muted small">
      Local chain: the test wallet uses Hardhat&apos;s public test accounts. Never send real funds to them.
    </p>
  );
}
