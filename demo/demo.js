// The demo page's own controls: the seeded accounts with one-click sign-in (through dev-api's
// helper), the tokens the widget keeps in localStorage, and the outbox. Not part of the widget.
const KEYS = { customer: "wemasy.customer_token", user: "wemasy.user_token" };
const $ = (id) => document.getElementById(id);

function cell(row, content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.append(content); else td.textContent = content;
  row.append(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

const accounts = [];

function showAccounts() {
  const body = $("demo-accounts");
  body.replaceChildren();
  for (const account of accounts) {
    const row = document.createElement("tr");
    cell(row, `${account.email} (${account.label})`);
    cell(row, account.password);
    const stored = localStorage.getItem(KEYS[account.kind]);
    const token = document.createElement("code");
    token.dataset.testid = `token-${account.kind}`;
    token.textContent = stored ?? "none";
    cell(row, token);
    const actions = cell(row, "");
    actions.append(button(`Sign in as ${account.email}`, () => signIn(account)), " ",
      button("Sign out", () => { localStorage.removeItem(KEYS[account.kind]); say("Signed out."); showAccounts(); }));
    body.append(row);
  }
}

function say(text) {
  $("demo-sign-in-result").textContent = text;
}

async function signIn(account) {
  const answer = await fetch("/api/__login", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ kind: account.kind, email: account.email, password: account.password }),
  });
  const body = await answer.json();
  if (answer.ok) {
    localStorage.setItem(KEYS[account.kind], body.data.token);
    say(`Signed in as ${account.email}.`);
  } else {
    say(`${body.message} (if you changed the password, the table still shows the seeded one)`);
  }
  showAccounts();
}

async function loadSeed() {
  const seed = await (await fetch("/api/__seed")).json();
  accounts.length = 0;
  for (const c of seed.customers) accounts.push({ kind: "customer", label: "webshop customer", ...c });
  for (const u of seed.users) accounts.push({ kind: "user", label: u.read_only ? "read-only platform user" : "platform user", ...u });
  showAccounts();
}

async function loadOutbox() {
  const { mails } = await (await fetch("/api/__outbox")).json();
  const list = $("demo-outbox");
  list.replaceChildren();
  for (const mail of mails) {
    const item = document.createElement("li");
    item.append(`To ${mail.to}: ${mail.subject}. `);
    if (mail.link) {
      const a = document.createElement("a");
      a.href = mail.link;
      a.textContent = "Open the link";
      item.append(a);
    } else {
      item.append(`Code: ${mail.token}`);
    }
    list.append(item);
  }
  if (mails.length === 0) list.append("Nothing sent yet.");
}

$("demo-reset").addEventListener("click", async () => {
  await fetch("/api/__reset", { method: "POST" });
  for (const key of Object.values(KEYS)) localStorage.removeItem(key);
  say("Seed restored; signed out.");
  await loadSeed();
  await loadOutbox();
});

document.addEventListener("wemasy-auth:token-changed", showAccounts);
document.addEventListener("wemasy-auth:success", () => loadOutbox());
window.addEventListener("storage", showAccounts);
loadSeed().then(loadOutbox).catch(() => say("dev-api is not running."));
