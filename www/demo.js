// The demo host app: a vertical feed of streams with the Etalase widget over the
// video, embedded exactly as a real host would embed it (see docs/embedding.md).
import init, { mount } from "/pkg/etalase.js";

const $ = (id) => document.getElementById(id);
const shop = $("shop");
const notice = $("notice");

// Start fetching and compiling the wasm while the feed loads.
const widgetReady = init();

let streams = [];
let current = 0;
let widget = null;
let token = null;

/**
 * A shopper token from the demo host's "back-end". A real host mints it on its
 * own server with its API key (POST /v1/host/sessions); the demo server plays
 * that part at POST /demo/session, so no host key ever reaches this page.
 */
async function fetchToken() {
  let viewer = localStorage.getItem("etalase-demo-viewer");
  if (!viewer) {
    viewer = `viewer-${crypto.randomUUID()}`;
    localStorage.setItem("etalase-demo-viewer", viewer);
  }
  const response = await fetch("/demo/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: viewer, role: "shopper" }),
  });
  if (!response.ok) throw new Error(`POST /demo/session answered ${response.status}`);
  return (await response.json()).token;
}

/** Mounts the widget for the stream at `index`, replacing the previous one. */
function showStream(index) {
  current = (index + streams.length) % streams.length;
  const stream = streams[current];
  $("creator-name").textContent = stream.creator.name;
  $("creator-avatar").textContent = stream.creator.name.replace(/^@/, "").slice(0, 1).toUpperCase();
  $("stream-title").textContent = stream.title;
  const badge = $("live-badge");
  badge.textContent = stream.kind === "live" ? "LIVE" : "VIDEO";
  badge.dataset.kind = stream.kind;
  $("viewers").textContent = stream.kind === "live" ? formatViewers(viewersOf(stream)) : "";
  $("viewers").parentElement.hidden = stream.kind !== "live";
  video.setScene(current);

  widget?.destroy();
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark("etalase:mount");
  widget = mount(shop, {
    apiBase: location.origin,
    token,
    streamId: stream.id,
    locale: "id-ID",
    onEvent: ({ name, detail }) => {
      console.debug("etalase event", name, detail);
      // The token expired: get a new one and show the stream again with it.
      if (name === "auth_required") fetchToken().then((fresh) => {
        token = fresh;
        showStream(current);
      });
    },
  });
}

// "First product card painted": the frame after the widget reports `ready`.
// --- The demo's payment provider: a pending payment can be "paid" here,
// as the shopper would in their bank or wallet app.
let pendingPayment = null;
const payButton = $("demo-pay");
shop.addEventListener("etalase:payment_pending", (event) => {
  pendingPayment = event.detail.paymentId;
  payButton.hidden = false;
});
shop.addEventListener("etalase:payment_completed", () => {
  pendingPayment = null;
  payButton.hidden = true;
});
payButton.addEventListener("click", async () => {
  if (!pendingPayment) return;
  payButton.disabled = true;
  try {
    const response = await fetch(`/v1/demo/payments/${encodeURIComponent(pendingPayment)}/pay`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`the provider answered ${response.status}`);
    payButton.hidden = true;
  } catch (error) {
    notice.textContent = `Pembayaran simulasi gagal: ${error.message}`;
    notice.hidden = false;
  } finally {
    payButton.disabled = false;
  }
});

shop.addEventListener("etalase:ready", () => {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      performance.mark("etalase:first-card");
      performance.measure("etalase:mount-to-first-card", "etalase:mount", "etalase:first-card");
    }),
  );
});

function viewersOf(stream) {
  let hash = 0;
  for (const c of stream.id) hash = (hash * 31 + c.charCodeAt(0)) % 9973;
  return 800 + hash * 3;
}

function formatViewers(n) {
  return n >= 1000 ? `${(n / 1000).toFixed(1).replace(".", ",")} rb` : String(n);
}

// --- The "video": an animated canvas, so the demo ships no large binary files.
const video = (() => {
  const canvas = $("video");
  const ctx = canvas.getContext("2d");
  const scenes = [
    ["#3a1c71", "#d76d77", "#ffaf7b"],
    ["#0f2027", "#2c5364", "#4ca1af"],
    ["#42275a", "#734b6d", "#f8b195"],
  ];
  const lights = Array.from({ length: 14 }, (_, i) => ({
    x: (i * 0.173) % 1,
    y: (i * 0.379) % 1,
    r: 30 + ((i * 37) % 70),
    speed: 0.01 + ((i * 13) % 10) / 600,
  }));
  let scene = scenes[0];
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;

  function resize() {
    const ratio = Math.min(devicePixelRatio || 1, 2);
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
  }

  function draw(time) {
    const { width: w, height: h } = canvas;
    const t = time / 1000;
    const sweep = ctx.createLinearGradient(0, 0, w * (0.6 + 0.4 * Math.sin(t / 5)), h);
    sweep.addColorStop(0, scene[0]);
    sweep.addColorStop(0.55, scene[1]);
    sweep.addColorStop(1, scene[2]);
    ctx.fillStyle = sweep;
    ctx.fillRect(0, 0, w, h);
    for (const light of lights) {
      const y = (((light.y - t * light.speed) % 1) + 1) % 1;
      const x = light.x + 0.03 * Math.sin(t + light.r);
      const r = (light.r * w) / 360;
      const glow = ctx.createRadialGradient(x * w, y * h, 0, x * w, y * h, r);
      glow.addColorStop(0, "rgba(255,255,255,0.22)");
      glow.addColorStop(1, "rgba(255,255,255,0)");
      ctx.fillStyle = glow;
      ctx.beginPath();
      ctx.arc(x * w, y * h, r, 0, Math.PI * 2);
      ctx.fill();
    }
    if (!still) requestAnimationFrame(draw);
  }

  addEventListener("resize", resize);
  resize();
  requestAnimationFrame(draw);
  return {
    setScene(index) {
      scene = scenes[index % scenes.length];
      if (still) requestAnimationFrame(draw);
    },
  };
})();

// --- Live chat, for atmosphere.
const chatLines = [
  ["rina_bdg", "kak, yang warna sage masih ada?"],
  ["dimas.p", "barusan checkout 2, mantap"],
  ["ayu_kitchen", "ongkir ke Medan berapa ya"],
  ["budi88", "size L ready kak?"],
  ["nadia", "langsung dari live, gak usah pindah app"],
  ["fajar_s", "pin yang tadi dong kak"],
];
let chatIndex = 0;
function addChatLine() {
  const [user, text] = chatLines[chatIndex++ % chatLines.length];
  const item = document.createElement("li");
  const name = document.createElement("b");
  name.textContent = user;
  item.append(name, text);
  const chat = $("chat");
  chat.append(item);
  while (chat.children.length > 6) chat.firstElementChild.remove();
}
setInterval(addChatLine, 2200);
addChatLine();

// --- Moving through the feed.
$("next-stream").addEventListener("click", () => showStream(current + 1));
$("like").addEventListener("click", (event) => {
  const button = event.currentTarget;
  button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
});
addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") showStream(current + 1);
  if (event.key === "ArrowUp") showStream(current - 1);
});
let swipeStart = null;
$("video").addEventListener("pointerdown", (event) => (swipeStart = event.clientY));
$("video").addEventListener("pointerup", (event) => {
  if (swipeStart !== null && Math.abs(event.clientY - swipeStart) > 60) {
    showStream(current + (event.clientY < swipeStart ? 1 : -1));
  }
  swipeStart = null;
});

// --- Start.
try {
  token = await fetchToken();
  const response = await fetch("/v1/streams", { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /v1/streams answered ${response.status}`);
  streams = (await response.json()).streams;
  await widgetReady;
  const wanted = new URLSearchParams(location.search).get("stream");
  showStream(Math.max(0, streams.findIndex((s) => s.id === wanted)));
} catch (error) {
  notice.textContent = `Siaran tidak dapat dimuat: ${error.message}`;
  notice.hidden = false;
}
