// The creator's page of the demo: the widget in creator mode for one stream,
// beside that stream as its viewers see it. A real host mints the creator's
// token on its own back-end (POST /v1/host/sessions with role "creator");
// the demo server plays that part at POST /demo/session.
import init, { mount } from "/pkg/index.js";

const $ = (id) => document.getElementById(id);

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

try {
  // `?stream=…&locale=en-US&theme=light` picks the stream, the language and light surfaces.
  const params = new URLSearchParams(location.search);
  const wanted = params.get("stream") ?? "live-gaya-raka";
  const reader = await session("studio-preview", "shopper");
  const response = await fetch("/v1/streams", { headers: { authorization: `Bearer ${reader}` } });
  if (!response.ok) throw new Error(`GET /v1/streams answered ${response.status}`);
  const { streams } = await response.json();
  const stream = streams.find((s) => s.id === wanted) ?? streams[0];
  $("studio-stream").textContent = `${stream.creator.name} · ${stream.title}`;
  $("preview").src = `/?stream=${encodeURIComponent(stream.id)}`;
  const token = await session(stream.creator.id, "creator");
  await init();
  mount($("tools"), {
    apiBase: location.origin,
    token,
    streamId: stream.id,
    mode: "creator",
    locale: params.get("locale") === "en-US" ? "en-US" : "id-ID",
    theme: { dark: params.get("theme") !== "light" },
  });
} catch (error) {
  $("notice").textContent = `Studio tidak dapat dimuat: ${error.message}`;
  $("notice").hidden = false;
}
