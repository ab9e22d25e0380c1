import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CouncilModule from "./Council.ts";

/**
 * The solidarity circles (docs/commonfare.md): Commonfare, owned by the council's timelock, which only accepts or
 * removes the currencies new circles may use (it cannot move money nor change a circle's rules). Circles are founded
 * by anyone in an accepted currency, each with its rules, levels and board fixed at founding. No parameters: a
 * currency is accepted afterwards, by a council decision (`setCurrency`).
 */
export default buildModule("Commonfare", (m) => {
  const { timelock } = m.useModule(CouncilModule);
  const commonfare = m.contract("Commonfare", [timelock]);
  return { commonfare };
});
