// A client-only single-page app: the API serves the static shell and answers every other path with
// index.html, so nothing is rendered or prerendered on a server.
export const ssr = false;
export const prerender = false;
