// The demo host app: a vertical feed of streams with the Etalase widget over the
// video, embedded exactly as a real host would embed it (see docs/embedding.md).
// One widget for the whole feed: swiping calls setStream, a video's stand-in
// player calls setPlayback as it plays, the switches call setTheme and setLocale, the host's own cart badge follows cart_changed,
// and the page plays an Android app's native bridge, with a log of it.
// A new viewer browses with the host's publishable key; a shopper's token is
// minted only when the widget asks for one (`auth_required`), at the first
// add to cart, purchase or voucher claim, and at once on later visits.
import init, { mount, preload } from "/pkg/index.js";

const $ = (id) => document.getElementById(id);
const shop = $("shop");
const notice = $("notice");

// Start fetching and compiling the wasm while the feed loads.
const widgetReady = init();

let streams = [];
let current = 0;
let widget = null;
let token = null;
let publishableKey = null;
// `?locale=en-US` starts the page in English (the creator studio's preview asks so).
let locale = new URLSearchParams(location.search).get("locale") === "en-US" ? "en-US" : "id-ID";
let dark = true;

// The host app's own words, in both languages.
const WORDS = {
  "id-ID": {
    next: "Berikut", nextStream: " siaran", comment: "Komentar", cart: "Keranjang",
    theme: "Tema", dark: "Gelap", light: "Terang", log: "Log bridge", logTitle: "Bridge native (Android)",
    logNote: "Setiap event widget, seperti yang diterima window.EtalaseBridge.postMessage.",
    pay: "Bayar (simulasi)", commentPlaceholder: "Tulis komentar…", like: "Suka",
    language: "Bahasa", switchLanguage: "(ganti ke English)", failed: "Siaran tidak dapat dimuat",
    payFailed: "Pembayaran simulasi gagal", soon: "SEGERA",
    feed: "Feed video demo", actions: "Aksi video", chat: "Obrolan langsung", commentLabel: "Tulis komentar",
    likes: "12,4 rb",
  },
  "en-US": {
    next: "Next", nextStream: " stream", comment: "Comments", cart: "Cart",
    theme: "Theme", dark: "Dark", light: "Light", log: "Bridge log", logTitle: "Native bridge (Android)",
    logNote: "Every widget event, as window.EtalaseBridge.postMessage receives it.",
    pay: "Pay (simulated)", commentPlaceholder: "Add a comment…", like: "Like",
    language: "Language", switchLanguage: "(switch to Indonesian)", failed: "The stream could not be loaded",
    payFailed: "The simulated payment failed", soon: "SOON",
    feed: "Demo video feed", actions: "Video actions", chat: "Live chat", commentLabel: "Write a comment",
    likes: "12.4K",
  },
};
const word = (key) => WORDS[locale][key];

/** Puts the host app's own labels in `locale`. */
function translate() {
  document.documentElement.lang = locale.slice(0, 2);
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = word(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", word(element.dataset.i18nLabel));
  }
  for (const element of document.querySelectorAll("[data-i18n-placeholder]")) {
    element.placeholder = word(element.dataset.i18nPlaceholder);
  }
  $("theme-name").textContent = word(dark ? "dark" : "light");
  if (streams[current]?.kind === "upcoming") $("live-badge").textContent = word("soon");
  $("locale-code").textContent = locale === "id-ID" ? "ID" : "EN";
}

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

/**
 * The demo host's publishable key: not a secret, so a real host puts it in its
 * page as it is (minted once with its API key, POST /v1/host/publishable-keys);
 * the demo server hands out one of the host `demo` at POST /demo/publishable-key.
 */
async function fetchPublishableKey() {
  const response = await fetch("/demo/publishable-key", { method: "POST" });
  if (!response.ok) throw new Error(`POST /demo/publishable-key answered ${response.status}`);
  return (await response.json()).key;
}

/** The widget's config for the stream at `index`. */
function configFor(index) {
  return { apiBase: location.origin, token, publishableKey, streamId: streams[index].id, locale, theme: { dark } };
}

/** Shows the stream at `index`: the host's chrome, then the widget follows it. */
function showStream(index) {
  current = (index + streams.length) % streams.length;
  const stream = streams[current];
  $("creator-name").textContent = stream.creator.name;
  $("creator-avatar").textContent = stream.creator.name.replace(/^@/, "").slice(0, 1).toUpperCase();
  $("stream-title").textContent = stream.title;
  const badge = $("live-badge");
  badge.textContent = { live: "LIVE", video: "VIDEO", upcoming: word("soon") }[stream.kind];
  badge.dataset.kind = stream.kind;
  video.setScene(current);

  if (widget) {
    widget.setStream(stream.id);
    play(stream);
    return;
  }
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark("etalase:mount");
  widget = mount(shop, {
    ...configFor(current),
    onEvent: ({ name }) => {
      // The shopper's first action, or an expired token: the host's back-end
      // mints a token, and the widget carries on with what was asked.
      if (name === "auth_required") fetchToken().then((fresh) => {
        token = fresh;
        widget.setToken(fresh);
      });
    },
  });
  play(stream);
}

/** Asks for the neighbouring streams' showcases ahead, so a swipe shows cards at once. */
function preloadNeighbours() {
  for (const step of [1, -1]) {
    const index = (current + step + streams.length) % streams.length;
    if (index !== current) preload(configFor(index)).catch(() => {});
  }
}

// --- The host's own cart badge, fed by the widget's events.
const cartCount = $("host-cart-count");
shop.addEventListener("etalase:cart_changed", (event) => {
  cartCount.textContent = String(event.detail.count);
  cartCount.hidden = event.detail.count === 0;
});
$("host-cart").addEventListener("click", () => widget?.openCart());
shop.addEventListener("etalase:ready", preloadNeighbours);

// --- The page plays an Android app: its native bridge, and a log of it.
// (Inside a real app's WebView, the app's own bridge is there instead.)
const logLines = $("bridge-lines");
let logged = 0;
window.EtalaseBridge ??= {
  postMessage(json) {
    const { name, detail } = JSON.parse(json);
    const line = document.createElement("li");
    const label = document.createElement("b");
    label.textContent = name;
    const payload = document.createElement("code");
    payload.textContent = JSON.stringify(detail);
    line.append(label, " ", payload);
    logLines.prepend(line);
    while (logLines.children.length > 40) logLines.lastElementChild.remove();
    $("log-count").textContent = String(++logged);
  },
};
$("log-toggle").addEventListener("click", (event) => {
  const panel = $("bridge-log");
  panel.hidden = !panel.hidden;
  event.currentTarget.setAttribute("aria-expanded", String(!panel.hidden));
});

// --- Light and dark, Indonesian and English: the host's and the widget's together.
$("theme-switch").addEventListener("click", () => {
  dark = !dark;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  widget?.setTheme({ dark });
  translate();
});
$("locale-switch").addEventListener("click", () => {
  locale = locale === "id-ID" ? "en-US" : "id-ID";
  widget?.setLocale(locale);
  translate();
});
// A page opened with `?locale=en-US` speaks English from the start.
if (locale !== "id-ID") translate();

// "First product card painted": the frame after the widget reports `ready`.
// --- The demo's payment provider: a pending payment can be "paid" here,
// as the shopper would in their bank or wallet app.
let pendingPayment = null;
const payButton = $("demo-pay");
/** Shows "Pay" while a payment waits and the device is online: the bank's
 * notification would not come offline, and the widget's offline notice
 * takes its place at the top. */
function showPay() {
  payButton.hidden = !pendingPayment || !navigator.onLine;
}
window.addEventListener("online", showPay);
window.addEventListener("offline", showPay);
shop.addEventListener("etalase:payment_pending", (event) => {
  pendingPayment = event.detail.paymentId;
  showPay();
});
shop.addEventListener("etalase:payment_completed", () => {
  pendingPayment = null;
  showPay();
});
payButton.addEventListener("click", async () => {
  if (!pendingPayment) return;
  payButton.disabled = true;
  try {
    const response = await fetch(`/v1/demo/payments/${encodeURIComponent(pendingPayment)}/pay`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    // 409: the payment is no longer waiting (cancelled, failed or expired): nothing to pay.
    if (!response.ok && response.status !== 409) throw new Error(`the provider answered ${response.status}`);
    pendingPayment = null;
    showPay();
  } catch (error) {
    notice.textContent = `${word("payFailed")}: ${error.message}`;
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

// --- The "video": CSS alone (demo.css), so the demo ships no large binary files.
const video = {
  /** Shows scene `index` (one per stream, in turn). */
  setScene(index) {
    $("video").dataset.scene = String(index % 3);
  },
};

// --- The stand-in player: a video plays from its start, in a loop of a
// minute, and tells the widget where it is four times a second, as a real
// player's `timeupdate` would; the card of the product on screen leads.
const LOOP_SECONDS = 60;
const player = { timer: 0 };
function play(stream) {
  clearInterval(player.timer);
  const clock = $("playback");
  clock.hidden = stream.kind !== "video";
  if (clock.hidden) return;
  const start = performance.now();
  const tick = () => {
    const seconds = ((performance.now() - start) / 1000) % LOOP_SECONDS;
    clock.textContent = `0:${String(Math.floor(seconds)).padStart(2, "0")}`;
    widget.setPlayback(seconds);
  };
  tick();
  player.timer = setInterval(tick, 250);
}

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
function addChatLine(line = chatLines[chatIndex++ % chatLines.length]) {
  const [user, text] = line;
  const item = document.createElement("li");
  const name = document.createElement("b");
  name.textContent = user;
  // A space, not only a margin: screen readers read "rina_bdg kak, …", not "rina_bdgkak".
  item.append(name, " ", text);
  const chat = $("chat");
  chat.append(item);
  while (chat.children.length > 6) chat.firstElementChild.remove();
}
setInterval(() => addChatLine(), 2200);
addChatLine();

// --- Moving through the feed.
$("next-stream").addEventListener("click", () => showStream(current + 1));
$("like").addEventListener("click", (event) => {
  const button = event.currentTarget;
  button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
});
$("comment").addEventListener("click", () => {
  const box = $("comment-box");
  box.hidden = !box.hidden;
  if (!box.hidden) $("comment-input").focus();
});
$("comment-box").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $("comment-input");
  const text = input.value.trim();
  if (text) addChatLine(["kamu", text]);
  input.value = "";
});
addEventListener("keydown", (event) => {
  // Keys pressed in the widget (its sheets, forms and option groups; its shadow
  // root retargets them to its element) or in a field are theirs, not the feed's.
  const from = event.target instanceof Element ? event.target : null;
  if (event.defaultPrevented || from?.closest("[data-etalase], input, select, textarea")) return;
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
  publishableKey = await fetchPublishableKey();
  // A viewer who signed in on an earlier visit is still signed in, as in a
  // real app: the page mints their token at once, and their cart shows.
  if (localStorage.getItem("etalase-demo-viewer")) token = await fetchToken();
  const read = async (path) => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${publishableKey}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()).streams;
  };
  // The feed, then the live streams still to come: their showcases can be browsed already.
  const [now, later] = await Promise.all([read("/v1/streams"), read("/v1/streams/upcoming")]);
  streams = [...now, ...later.map((stream) => ({ ...stream, kind: "upcoming" }))];
  await widgetReady;
  const wanted = new URLSearchParams(location.search).get("stream");
  showStream(Math.max(0, streams.findIndex((s) => s.id === wanted)));
} catch (error) {
  notice.textContent = `${word("failed")}: ${error.message}`;
  notice.hidden = false;
}
