// The public deployment path, end to end, as a co-op runs it: a separate HTTP node with a chain id that is not the
// local one, the deploying key in the Hardhat keystore (the development keystore, in a configuration directory of its
// own), `npm run deploy -- --network custom` against it, and the result checked by view calls: every admin power is
// the council's timelock, the deployer holds none, the SDK has the chain's addresses and deployment blocks, graph-cli
// builds the subgraph for that network from them, and a second run sends nothing. Run: node --test
// scripts/deploy.check.ts (CI runs it; about a minute).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Contract, JsonRpcProvider, Wallet, ZeroHash, ZeroAddress, id } from "ethers";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { chromium } from "@playwright/test";
import hre from "hardhat";
import { build, preview } from "vite";
import { generateSdk } from "./gen-sdk.ts";
import { deployAccountAbstraction } from "./lib/account-abstraction.ts";
import { deploymentIdsOf, readChainDeployment } from "./lib/deployments.ts";

const root = join(import.meta.dirname, "..");
const CHAIN_ID = 7357;
const config = mkdtempSync(join(tmpdir(), "cosmolocal-deploy-config-"));
const deployer = Wallet.createRandom();
const [founderA, founderB, founderC, steward] = [1, 2, 3, 4].map(() => Wallet.createRandom().address);

const server = await hre.network.createServer({ network: "default", override: { chainId: CHAIN_ID } }, "127.0.0.1", 0);
const { port } = await server.listen();
const rpcUrl = `http://127.0.0.1:${port}`;
// No response cache: the set-up sends transactions back to back, and a cached nonce would repeat one.
const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });

// A stand-in for the chain's Blockscout explorer (its Etherscan-compatible verification API): records what
// hardhat-verify submits and answers as Blockscout does, so verification runs end to end without the internet.
const submissions: Record<string, string>[] = [];
const explorer = createServer(async (req, res) => {
  const query = new URL(req.url ?? "/", "http://explorer").searchParams;
  let body = "";
  for await (const chunk of req) body += chunk;
  const reply = (result: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "1", message: "OK", result }));
  };
  const action = query.get("action");
  if (action === "getsourcecode") return reply([{ SourceCode: "" }]);
  if (action === "verifysourcecode") {
    submissions.push(Object.fromEntries(new URLSearchParams(body)));
    return reply(`guid-${submissions.length}`);
  }
  if (action === "checkverifystatus") return reply("Pass - Verified");
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => explorer.listen(0, "127.0.0.1", resolve));
const explorerUrl = `http://127.0.0.1:${(explorer.address() as { port: number }).port}`;

// A stand-in for a graph-node and its IPFS node: the IPFS API's add (content-addressed: CIDv0 of the file) and pin,
// and the admin JSON-RPC `subgraph_deploy`, recorded, so that graph-cli's deploy runs end to end here.
const ipfsFiles = new Map<string, Buffer>();
const deployCalls: { name: string; ipfs_hash: string; version_label: string }[] = [];
const graphNode = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://graph-node");
  const json = (value: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(value) + "\n");
  };
  if (url.pathname === "/api/v0/add") {
    // One multipart part: the file's bytes sit between the part's headers and the closing boundary.
    const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")![1];
    const start = body.indexOf("\r\n\r\n") + 4;
    const file = body.subarray(start, body.lastIndexOf(`\r\n--${boundary}`));
    const cid = CID.createV0(await sha256.digest(file)).toString();
    ipfsFiles.set(cid, file);
    return json({ Name: "file", Hash: cid, Size: String(file.length) });
  }
  if (url.pathname === "/api/v0/pin/add") return json({ Pins: [url.searchParams.get("arg")] });
  const call = JSON.parse(body.toString() || "{}") as { id: unknown; method: string; params: (typeof deployCalls)[0] };
  if (call.method !== "subgraph_deploy") return json({ jsonrpc: "2.0", id: call.id, error: { code: -32601 } });
  deployCalls.push(call.params);
  const base = `http://graph-node/subgraphs/name/${call.params.name}`;
  json({ jsonrpc: "2.0", id: call.id, result: { playground: `${base}/graphql`, queries: base, subscriptions: base } });
});
await new Promise<void>((resolve) => graphNode.listen(0, "127.0.0.1", resolve));
const graphNodeUrl = `http://127.0.0.1:${(graphNode.address() as { port: number }).port}`;

/** What @nomicfoundation/hardhat-utils' isCi() looks at. */
const CI_VARIABLES = [
  "CI",
  "GITHUB_ACTIONS",
  "NOW",
  "DEPLOYMENT_ID",
  "CODEBUILD_BUILD_NUMBER",
  "CONTINUOUS_INTEGRATION",
  "BUILD_NUMBER",
  "RUN_ID",
];

/** Runs a command in the repository with `env` added, as on a person's machine (no CI variable: see CI_VARIABLES). */
function run(command: string, args: string[], env: Record<string, string>, input?: string, cwd = ".") {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    // Hardhat ignores the keystore on a CI machine, which it recognises by any of these variables.
    for (const name of CI_VARIABLES) delete childEnv[name];
    const child = spawn(command, args, { cwd: join(root, cwd), env: childEnv, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(input ?? "");
  });
}

const deployEnv = {
  XDG_CONFIG_HOME: config,
  CUSTOM_RPC_URL: rpcUrl,
  DEPLOY_TEST_EXPLORER_URL: explorerUrl,
  // The default profile keeps the test short; `npm run deploy` builds with the production profile otherwise.
  HARDHAT_BUILD_PROFILE: "default",
};
const parametersFile = join(config, "custom.json");
const deploy = (...extra: string[]) =>
  run("npm", ["run", "deploy", "--", "--network", "custom", "--parameters", parametersFile, ...extra], deployEnv);

before(async () => {
  // The deployer: a fresh key with some ETH, kept in the development keystore as DEPLOYER_PRIVATE_KEY.
  await provider.send("hardhat_setBalance", [deployer.address, "0x56BC75E2D63100000"]); // 100 ETH
  const set = await run(
    "npx",
    ["hardhat", "keystore", "set", "DEPLOYER_PRIVATE_KEY", "--dev"],
    { XDG_CONFIG_HOME: config },
    deployer.privateKey + "\n",
  );
  assert.equal(set.code, 0, set.output);
  writeFileSync(parametersFile, JSON.stringify(parameters));
  // A public chain already has the canonical ERC-4337 v0.8 EntryPoint the paymaster is built on.
  const funder = new Wallet(Wallet.createRandom().privateKey, provider);
  await provider.send("hardhat_setBalance", [funder.address, "0x56BC75E2D63100000"]);
  await deployAccountAbstraction(funder);
});

const parameters = {
  Council: {
    founders: [founderA, founderB, founderC],
    delegations: ["Secretariat", "Makers", "Neighbours"],
    minDelay: 7_200,
    votingDelay: 3_600,
    votingPeriod: 86_400,
    quorumPercent: 50,
  },
  Credit: { name: "Test Credit", symbol: "TCR", decimals: 6, stewards: [steward] },
  Sponsorship: { projectId: 1, periodLength: 7 * 86_400, defaultBudget: "2000000000000000" },
};

after(async () => {
  // Leave the repository as it was: no deployment of the test chain, and an SDK without it.
  for (const id of deploymentIdsOf(root, CHAIN_ID)) rmSync(join(root, "ignition/deployments", id), { recursive: true });
  generateSdk();
  await run("node", ["subgraph/scripts/prepare.ts"], {}); // the local manifest and networks.json again
  rmSync(config, { recursive: true, force: true });
  await server.close();
  explorer.close();
  graphNode.close();
});

test("npm run deploy on a non-local chain: the timelock administers, the deployer holds nothing, the SDK follows; a second run is a no-op", async () => {
  const first = await deploy();
  assert.equal(first.code, 0, first.output);
  console.log(first.output.slice(first.output.indexOf("Every power over the deployment")));
  assert.match(first.output, /every admin power is the council's timelock; the deployer holds none/);

  // The SDK and the journal: every contract of the chain with its address and deployment block.
  const contracts = readChainDeployment(root, CHAIN_ID);
  const at = (futureId: string) => {
    const c = contracts[futureId];
    assert.ok(c, `${futureId} deployed`);
    return c.address;
  };
  const sdk = readFileSync(join(root, "sdk/src/generated/addresses.ts"), "utf8");
  assert.match(sdk, new RegExp(`"${CHAIN_ID}": \\{`), "the SDK lists the chain");
  for (const [futureId, c] of Object.entries(contracts)) {
    assert.ok(sdk.includes(`"address": "${c.address}"`), `the SDK has ${futureId}'s address`);
    const receipt = await provider.getCode(c.address);
    assert.notEqual(receipt, "0x", `${futureId} has code at ${c.address}`);
    assert.ok(c.startBlock > 0 && c.startBlock <= (await provider.getBlockNumber()), `${futureId}'s start block`);
  }

  // Every admin power, by view calls.
  const timelock = at("Council#CouncilTimelock");
  const governor = at("Council#ThresholdsCouncil");
  const roles = ["function hasRole(bytes32, address) view returns (bool)"];
  const holds = (address: string, role: string, who: string) =>
    new Contract(address, roles, provider).hasRole(role === "DEFAULT_ADMIN_ROLE" ? ZeroHash : id(role), who);
  const view = (address: string, fn: string) =>
    new Contract(address, [`function ${fn}() view returns (address)`], provider)[fn]() as Promise<string>;
  const governed = [
    ["Impact#ImpactRegistry", "DEFAULT_ADMIN_ROLE"],
    ["Credit#CreditNetwork", "DEFAULT_ADMIN_ROLE"],
    ["Council#CouncilTimelock", "DEFAULT_ADMIN_ROLE"],
  ];
  for (const [futureId, role] of governed) {
    assert.equal(await holds(at(futureId), role, timelock), true, `the timelock holds ${futureId} ${role}`);
    assert.equal(await holds(at(futureId), role, deployer.address), false, `the deployer holds no ${futureId} ${role}`);
  }
  for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE"]) {
    assert.equal(await holds(timelock, role, governor), true, `the governor holds the timelock's ${role}`);
    assert.equal(await holds(timelock, role, deployer.address), false, `the deployer holds no ${role}`);
  }
  assert.equal(await holds(timelock, "EXECUTOR_ROLE", ZeroAddress), true, "anyone executes a passed proposal");
  assert.equal(await holds(timelock, "EXECUTOR_ROLE", deployer.address), false);
  assert.equal(await holds(at("Credit#CreditNetwork"), "STEWARD_ROLE", steward), true, "the steward stewards");
  assert.equal(await holds(at("Credit#CreditNetwork"), "STEWARD_ROLE", deployer.address), false);
  assert.equal(await view(at("Council#CouncilSeat"), "owner"), timelock, "the timelock seats members");
  assert.equal(await view(at("Resource#ResourceRegistry"), "council"), timelock, "the timelock governs the stocks");
  assert.equal(await view(governor, "timelock"), timelock);
  // The solidarity circles: the timelock owns the contract (it only accepts currencies); nobody is offered it.
  assert.equal(await view(at("Commonfare#Commonfare"), "owner"), timelock, "the timelock owns the solidarity circles");
  assert.equal(await view(at("Commonfare#Commonfare"), "pendingOwner"), ZeroAddress, "no pending owner");
  // The members' paymaster: on the chain's canonical EntryPoint, owned by the timelock, with the parameters' rules.
  const paymaster = new Contract(
    at("Sponsorship#MembersPaymaster"),
    [
      "function owner() view returns (address)",
      "function entryPoint() view returns (address)",
      "function PROJECT_ID() view returns (uint64)",
      "function PERIOD_LENGTH() view returns (uint32)",
      "function defaultBudget() view returns (uint256)",
      "function isCallTargetAllowed(address) view returns (bool)",
    ],
    provider,
  );
  assert.equal(await paymaster.owner(), timelock, "the timelock owns the paymaster");
  assert.equal(await paymaster.entryPoint(), "0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108");
  assert.equal(await paymaster.PROJECT_ID(), 1n);
  assert.equal(await paymaster.PERIOD_LENGTH(), 7n * 86_400n);
  assert.equal(await paymaster.defaultBudget(), 2_000_000_000_000_000n);
  for (const target of [
    "Contribution#ContributionLedger",
    "Credit#CreditNetwork",
    "Impact#ImpactMarket",
    "Designs#DesignCommons",
    "Cluster#ClusterExchange",
    "Commonfare#Commonfare",
  ])
    assert.equal(await paymaster.isCallTargetAllowed(at(target)), true, `members' calls to ${target} are sponsored`);
  const seats = new Contract(
    at("Council#CouncilSeat"),
    ["function balanceOf(address) view returns (uint256)"],
    provider,
  );
  for (const founder of [founderA, founderB, founderC]) assert.equal(await seats.balanceOf(founder), 1n);

  // The subgraph for that network: networks.json from the deployment, and graph-cli's build with --network.
  const graphNetwork = `chain-${CHAIN_ID}`;
  const networks = JSON.parse(readFileSync(join(root, "subgraph/networks.json"), "utf8"));
  assert.equal(networks[graphNetwork].CreditNetwork.address, at("Credit#CreditNetwork"));
  const manifest = await run("node", ["subgraph/scripts/prepare.ts", graphNetwork], {});
  assert.equal(manifest.code, 0, manifest.output);
  const out = join(config, "subgraph-build");
  const build = await run(
    "npx",
    ["graph", "build", "--network", graphNetwork, "--output-dir", out],
    {},
    undefined,
    "subgraph",
  );
  assert.equal(build.code, 0, build.output);
  const built = readFileSync(join(out, "subgraph.yaml"), "utf8");
  for (const [name, ds] of Object.entries(networks[graphNetwork]) as [
    string,
    { address: string; startBlock: number },
  ][]) {
    const block = built.slice(built.indexOf(`name: ${name}\n`));
    assert.match(block, new RegExp(`network: ${graphNetwork}\\s`), `${name}'s network`);
    assert.match(block, new RegExp(`address: "?${ds.address}"?`, "i"), `${name}'s address in the built manifest`);
    assert.match(block, new RegExp(`startBlock: ${ds.startBlock}\\s`), `${name}'s start block in the built manifest`);
  }

  // The subgraph deployed for that network with graph-cli (npm run deploy:subgraph), to the stand-in graph-node: the
  // manifest it uploaded carries the deployment's addresses and start blocks.
  const published = await run(
    "npm",
    [
      "run",
      "deploy:subgraph",
      "--",
      "--network",
      graphNetwork,
      "--node",
      graphNodeUrl,
      "--ipfs",
      `${graphNodeUrl}/api/v0`,
      "--version-label",
      "v-test",
      "--output-dir",
      join(config, "subgraph-deploy"),
    ],
    {},
  );
  assert.equal(published.code, 0, published.output);
  assert.equal(deployCalls.length, 1, "one subgraph_deploy");
  assert.deepEqual(
    { name: deployCalls[0].name, version: deployCalls[0].version_label },
    { name: "cosmolocal/commons", version: "v-test" },
  );
  const uploaded = ipfsFiles.get(deployCalls[0].ipfs_hash)?.toString("utf8") ?? "";
  for (const [name, ds] of Object.entries(networks[graphNetwork]) as [
    string,
    { address: string; startBlock: number },
  ][]) {
    const block = uploaded.slice(uploaded.indexOf(`name: ${name}\n`));
    assert.match(block, new RegExp(`address: '?${ds.address}'?`, "i"), `${name}'s address in the deployed manifest`);
    assert.match(
      block,
      new RegExp(`startBlock: ${ds.startBlock}\\s`),
      `${name}'s start block in the deployed manifest`,
    );
  }
  console.log(`subgraph deployed to the stand-in graph-node: ${deployCalls[0].ipfs_hash}, ${ipfsFiles.size} files`);

  // A second run resumes the same deployment: nothing to send, not one block more. It also verifies every contract
  // on the chain's explorer (the stand-in Blockscout API): hardhat-verify submits each one's standard JSON input.
  const head = await provider.getBlockNumber();
  const nonce = await provider.getTransactionCount(deployer.address);
  const second = await deploy("--verify", "--verify-with", "blockscout");
  assert.equal(second.code, 0, second.output);
  const submitted = new Map(submissions.map((s) => [s.contractaddress.toLowerCase(), s]));
  console.log(
    `verification submitted to the explorer:\n${submissions
      .map(
        (s) =>
          `  ${s.contractname} at ${s.contractaddress}: ${s.compilerversion}, ${s.codeformat}, ` +
          `${s.sourceCode.length} characters of input, ${s.constructorArguments.length / 2} bytes of constructor arguments`,
      )
      .join("\n")}`,
  );
  for (const [futureId, c] of Object.entries(contracts)) {
    if (futureId === "Impact#RetirementCertificates") continue; // created by the registry's constructor: no journal entry to verify from
    const s = submitted.get(c.address.toLowerCase());
    assert.ok(s, `${futureId} submitted for verification`);
    assert.equal(s.contractname.split(":").pop(), futureId.split("#")[1], `${futureId}'s contract name`);
    assert.match(s.compilerversion, /^v0\.8\.\d+\+commit\.[0-9a-f]{8}$/, `${futureId}'s compiler version`);
    assert.equal(JSON.parse(s.sourceCode).language, "Solidity", `${futureId}'s standard JSON input`);
  }
  assert.equal(await provider.getBlockNumber(), head, "no block mined by the second run");
  assert.equal(await provider.getTransactionCount(deployer.address), nonce, "no transaction sent by the second run");
  assert.equal(deploymentIdsOf(root, CHAIN_ID).length, 1, "one deployment of the chain");

  // New parameters are a new, named deployment: another id and other contracts; the SDK follows the newest.
  const renamed = join(config, "custom-renamed.json");
  writeFileSync(renamed, JSON.stringify({ ...parameters, Credit: { ...parameters.Credit, name: "Test Credit 2" } }));
  const third = await run("npm", ["run", "deploy", "--", "--network", "custom", "--parameters", renamed], deployEnv);
  assert.equal(third.code, 0, third.output);
  assert.equal(deploymentIdsOf(root, CHAIN_ID).length, 2, "a second deployment of the chain");
  const newer = readChainDeployment(root, CHAIN_ID)["Credit#CreditNetwork"];
  assert.notEqual(newer.address, at("Credit#CreditNetwork"), "a new credit network");
  const name = new Contract(newer.address, ["function name() view returns (string)"], provider);
  assert.equal(await name.name(), "Test Credit 2");
});

test("the dApp built for that chain loads in Chromium and shows the deployed council, without the local test wallet", async () => {
  // Built as for a public chain: its id and RPC, no subgraph; the SDK now lists the chain's contracts.
  const outDir = join(config, "web-dist");
  Object.assign(process.env, {
    VITE_CHAIN_ID: String(CHAIN_ID),
    VITE_CHAIN_NAME: "Deploy test chain",
    VITE_RPC_URL: rpcUrl,
    VITE_SUBGRAPH_URL: "",
    VITE_EXPLORER_URL: "https://explorer.invalid",
  });
  const webDir = join(root, "web");
  await build({ root: webDir, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: webDir, logLevel: "warn", build: { outDir }, preview: { port: 0 } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.resolvedUrls!.local[0]}#/council/seats`);
    const delegations = ["Secretariat", "Makers", "Neighbours"];
    for (const [i, founder] of [founderA, founderB, founderC].entries())
      await page.locator(`[data-testid="seat-${founder}"]`, { hasText: delegations[i] }).waitFor({ timeout: 30_000 });
    const footer = (await page.locator("footer").textContent()) ?? "";
    assert.match(footer, new RegExp(`Deploy test chain · chain ${CHAIN_ID}`));
    assert.equal(await page.getByTestId("connect-burner").count(), 0, "no local test wallet off the local chain");
    await page.screenshot({ path: join(root, "test-results", "deploy-council-seats.png"), fullPage: true });
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the role check names what is wrong: a deployer still holding a role, a missing steward, a second admin", async () => {
  const { checkPowers } = await import("./lib/roles.ts");
  const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
  const addresses = {
    timelock: a(1),
    seats: a(2),
    governor: a(3),
    resources: a(4),
    impactRegistry: a(5),
    impactMarket: a(6),
    certificates: a(7),
    credit: a(8),
    ledger: a(9),
    paymaster: a(10),
    designs: a(11),
    commonfare: a(12),
  };
  const deployer = a(0xde);
  const good = [
    { contract: "CouncilTimelock", power: "DEFAULT_ADMIN_ROLE", holder: a(1) },
    { contract: "CouncilTimelock", power: "PROPOSER_ROLE", holder: a(3) },
    { contract: "CouncilTimelock", power: "CANCELLER_ROLE", holder: a(3) },
    { contract: "CouncilTimelock", power: "EXECUTOR_ROLE", holder: "anyone (the zero address)" },
    { contract: "ImpactRegistry", power: "DEFAULT_ADMIN_ROLE", holder: a(1) },
    { contract: "CreditNetwork", power: "DEFAULT_ADMIN_ROLE", holder: a(1) },
    { contract: "CreditNetwork", power: "STEWARD_ROLE", holder: a(0x57) },
    { contract: "CouncilSeat", power: "owner (seats and unseats members)", holder: a(1) },
    { contract: "ResourceRegistry", power: "council", holder: a(1) },
    { contract: "ThresholdsCouncil", power: "timelock (executes its decisions)", holder: a(1) },
    { contract: "MembersPaymaster", power: "owner (rules, budgets, deposit withdrawal, stake)", holder: a(1) },
    { contract: "DesignCommons", power: "owner (accredits commons entities)", holder: a(1) },
    { contract: "Commonfare", power: "owner (accepts the circles' currencies)", holder: a(1) },
  ];
  assert.deepEqual(checkPowers(good, addresses, { deployer, stewards: [a(0x57)] }), []);
  const bad = [
    ...good.filter((p) => p.power !== "STEWARD_ROLE" && p.contract !== "MembersPaymaster"),
    { contract: "CouncilTimelock", power: "DEFAULT_ADMIN_ROLE", holder: deployer },
    { contract: "MembersPaymaster", power: "owner (rules, budgets, deposit withdrawal, stake)", holder: deployer },
    { contract: "MembersPaymaster", power: "pending owner", holder: a(1) },
    { contract: "Commonfare", power: "pending owner", holder: deployer },
  ];
  assert.deepEqual(checkPowers(bad, addresses, { deployer, stewards: [a(0x57)] }), [
    `CouncilTimelock DEFAULT_ADMIN_ROLE: held by [${a(1)}, ${deployer}], expected [${a(1)}]`,
    `CreditNetwork STEWARD_ROLE: held by [], expected [${a(0x57)}]`,
    `MembersPaymaster owner: held by [${deployer}], expected [${a(1)}]`,
    "MembersPaymaster has a pending owner",
    "Commonfare has a pending owner",
    "the deployer holds CouncilTimelock DEFAULT_ADMIN_ROLE",
    "the deployer holds MembersPaymaster owner (rules, budgets, deposit withdrawal, stake)",
    "the deployer holds Commonfare pending owner",
  ]);
});
