// The creator's page of the demo: the widget in creator mode for one stream,
// beside that stream as its viewers see it. A real host mints the creator's
// token on its own back-end (POST /v1/host/sessions with role "creator");
// the demo server plays that part at POST /demo/session.
import init, { mount } from "/pkg/index.js";

const $ = (id) => document.getElementById(id);

/** The page's own words, in the widget's two languages. */
const WORDS = {
  "id-ID": {
    title: "Studio kreator",
    previewLabel: "Pratinjau penonton",
    previewHeading: "Yang dilihat penonton",
    previewTitle: "Pratinjau siaran seperti dilihat penonton",
    failed: "Studio tidak dapat dimuat",
    toPreview: "Pratinjau penonton ↓",
  },
  "en-US": {
    title: "Creator studio",
    previewLabel: "Viewers' preview",
    previewHeading: "What viewers see",
    previewTitle: "The stream as its viewers see it",
    failed: "The studio could not be loaded",
    toPreview: "Viewers' preview ↓",
  },
};

// `?stream=…&locale=en-US&theme=light` picks the stream, the language and light surfaces.
const params = new URLSearchParams(location.search);
const locale = params.get("locale") === "en-US" ? "en-US" : "id-ID";
const word = (key) => WORDS[locale][key];

/** Puts the page's own words in `locale`: the text, accessible name or title each element names. */
function translate() {
  document.documentElement.lang = locale.slice(0, 2);
  document.title = `Etalase — ${word("title")}`;
  for (const element of document.querySelectorAll("[data-word]")) element.textContent = word(element.dataset.word);
  for (const element of document.querySelectorAll("[data-word-label]")) {
    element.setAttribute("aria-label", word(element.dataset.wordLabel));
  }
  for (const element of document.querySelectorAll("[data-word-title]")) element.title = word(element.dataset.wordTitle);
}

/** A token of the demo host for `userId` with `role`. */
async function session(userId, role) {
  const response = await fetch("/demo/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId, role }),
  });
  if (!response.ok) throw new Error(`POST /demo/session answered ${response.status}`);
  return (await response.json()).token;
}

translate();
try {
  const wanted = params.get("stream") ?? "live-gaya-raka";
  const reader = await session("studio-preview", "shopper");
  const response = await fetch("/v1/streams", { headers: { authorization: `Bearer ${reader}` } });
  if (!response.ok) throw new Error(`GET /v1/streams answered ${response.status}`);
  const { streams } = await response.json();
  const stream = streams.find((s) => s.id === wanted) ?? streams[0];
  $("studio-stream").textContent = `${stream.creator.name} · ${stream.title}`;
  $("preview").src = `/?stream=${encodeURIComponent(stream.id)}&locale=${locale}`;
  const token = await session(stream.creator.id, "creator");
  await init();
  mount($("tools"), {
    apiBase: location.origin,
    token,
    streamId: stream.id,
    mode: "creator",
    locale,
    theme: { dark: params.get("theme") !== "light" },
  });
} catch (error) {
  $("notice").textContent = `${word("failed")}: ${error.message}`;
  $("notice").hidden = false;
}
