// Reads PolNeAR's BRAT standoff annotations (`.ann`). Shared by the evaluation and by the cue
// learner, which must not load the analysis it is about to generate data for.

/** One annotated span; discontinuous BRAT spans keep every fragment. */
export interface GoldSpan {
  fragments: Array<{ start: number; end: number }>;
}

export interface GoldAttribution {
  cue: GoldSpan;
  source: GoldSpan | null;
  contents: GoldSpan[];
}

export interface GoldDocument {
  cues: GoldSpan[];
  attributions: GoldAttribution[];
  contents: GoldSpan[];
}

/** Parses one BRAT `.ann` file. Lines it does not understand are ignored, not fatal. */
export function parseBrat(annotation: string): GoldDocument {
  const spans = new Map<string, { type: string; span: GoldSpan }>();
  const events: string[] = [];
  for (const line of annotation.split('\n')) {
    if (line.startsWith('T')) {
      const [id, header] = line.split('\t');
      if (id === undefined || header === undefined) continue;
      const firstSpace = header.indexOf(' ');
      const type = header.slice(0, firstSpace);
      const fragments = header
        .slice(firstSpace + 1)
        .split(';')
        .map((pair) => pair.trim().split(/\s+/).map(Number))
        .filter((pair): pair is [number, number] => pair.length === 2 && pair.every(Number.isFinite))
        .map(([start, end]) => ({ start, end }));
      if (fragments.length > 0) spans.set(id, { type, span: { fragments } });
    } else if (line.startsWith('E')) {
      events.push(line);
    }
  }
  const attributions: GoldAttribution[] = [];
  for (const line of events) {
    const roles = (line.split('\t')[1] ?? '').split(' ');
    let cue: GoldSpan | null = null;
    let source: GoldSpan | null = null;
    const contents: GoldSpan[] = [];
    for (const role of roles) {
      const [name, id] = role.split(':');
      const target = id === undefined ? undefined : spans.get(id);
      if (name === undefined || target === undefined) continue;
      if (name === 'Cue') cue = target.span;
      else if (name === 'Source') source = target.span;
      else if (name.startsWith('Content')) contents.push(target.span);
    }
    if (cue !== null) attributions.push({ cue, source, contents });
  }
  const ofType = (type: string): GoldSpan[] =>
    [...spans.values()].filter((entry) => entry.type === type).map((entry) => entry.span);
  return { cues: ofType('Cue'), attributions, contents: ofType('Content') };
}
