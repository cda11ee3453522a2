// Timings the end-to-end harness reads back from the page (window.__solidesk), so the
// benchmark measures what a caseworker sees: from the keystroke to the rendered results.

export interface SearchLatency {
  query: string;
  ms: number;
  results: number;
}

interface Metrics {
  searches: SearchLatency[];
}

function metrics(): Metrics {
  const w = globalThis as unknown as { __solidesk?: Metrics };
  w.__solidesk ??= { searches: [] };
  return w.__solidesk;
}

export function recordSearchLatency(query: string, ms: number, results: number): void {
  const m = metrics();
  m.searches.push({ query, ms, results });
  if (m.searches.length > 1000) m.searches.shift();
}

export function searchLatencies(): SearchLatency[] {
  return metrics().searches;
}
