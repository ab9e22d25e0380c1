// The council action that seats a member (for a delegation) or unseats one.
import { councilSeatAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "./action";
import { councilSeats } from "./contracts";
import { Account, OnOff, Text } from "./fields";
import { pickedAccount } from "../../shared/AccountSelect";

interface SeatDraft {
  on: boolean;
  account: string;
  delegation: string;
}

function SeatEditor({ draft: d, set, ctx }: EditorProps<SeatDraft>) {
  return (
    <div className="row">
      <OnOff value={d.on} onChange={(on) => set({ on })} on="Seat" off="Unseat" />
      <Account
        label="Member"
        value={d.account}
        onChange={(account) => set({ account })}
        accounts={ctx.council.seats.filter((s) => s.seated).map((s) => s.member)}
        testId="action-account"
      />
      {d.on && (
        <Text
          label="Delegation (whom they represent)"
          value={d.delegation}
          onChange={(delegation) => set({ delegation })}
          testId="seat-delegation"
          narrow={false}
        />
      )}
    </div>
  );
}

export const seat = defineAction<SeatDraft>({
  kind: "seat",
  label: "Seat / unseat a council member",
  contract: councilSeats,
  initial: () => ({ on: true, account: "", delegation: "" }),
  Editor: SeatEditor,
  parse(d, ctx) {
    const picked = pickedAccount(d.account, "Seat: choose the member.", "Seat");
    if ("error" in picked) return picked;
    const member = picked.value;
    if (d.on && !d.delegation.trim()) return { error: "Seat: say whom the member represents (the delegation)." };
    const data = d.on
      ? encodeFunctionData({ abi: councilSeatAbi, functionName: "seat", args: [member, d.delegation] })
      : encodeFunctionData({ abi: councilSeatAbi, functionName: "unseat", args: [member] });
    return callsTo(councilSeats, [data], ctx);
  },
});
