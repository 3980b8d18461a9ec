// The demo page's own controls: show the seeded account, sign in through dev-api's helper, and
// show the token the widget keeps in localStorage. Not part of the widget.
const TOKEN_KEY = "wemasy.customer_token";
const $ = (id) => document.getElementById(id);
let demoEmail = "";

function showToken() {
  const token = localStorage.getItem(TOKEN_KEY);
  $("demo-token").textContent = token ?? "none";
}

async function loadSeed() {
  const seed = await (await fetch("/api/__seed")).json();
  const customer = seed.customers[0];
  demoEmail = customer.email;
  $("demo-email").textContent = customer.email;
  $("demo-password").textContent = customer.password;
  $("demo-sign-in-password").value = customer.password;
}

$("demo-sign-in").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await fetch("/api/__login", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ email: demoEmail, password: $("demo-sign-in-password").value }),
  });
  const body = await answer.json();
  if (answer.ok) {
    localStorage.setItem(TOKEN_KEY, body.data.token);
    $("demo-sign-in-result").textContent = "Signed in.";
  } else {
    $("demo-sign-in-result").textContent = body.message;
  }
  showToken();
});

$("demo-sign-out").addEventListener("click", () => {
  localStorage.removeItem(TOKEN_KEY);
  $("demo-sign-in-result").textContent = "Signed out.";
  showToken();
});

document.addEventListener("wemasy-auth:token-changed", showToken);
window.addEventListener("storage", showToken);
showToken();
loadSeed().catch(() => {
  $("demo-email").textContent = "(dev-api is not running)";
});
