// A transaction's first toast follows the wallet in use: a browser wallet prompts its person, the local test wallet
// signs by itself.
import { describe, expect, it } from "vitest";
import { BURNER_ID } from "./burner";
import { sendStage } from "./tx";

describe("the first stage of a transaction's toast", () => {
  it("the local test wallet: sending, no word of confirming in a wallet", () => {
    const first = sendStage(BURNER_ID);
    expect(first.stage).toBe("sending");
    expect(first.message).toMatch(/sending/i);
    expect(first.message).not.toMatch(/wallet/i);
  });

  it("a browser wallet (EIP-6963 or injected) or an unknown connector: confirm in your wallet", () => {
    for (const id of ["io.metamask", "injected", undefined])
      expect(sendStage(id)).toEqual({ stage: "signing", message: "Checking, then confirm in your wallet." });
  });
});
