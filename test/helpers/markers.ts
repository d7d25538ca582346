// Strips ⟦…⟧ markers from example code and returns the marked spans (UTF-16 offsets in the stripped text).

export interface MarkedSpan {
  start: number;
  end: number;
}

export function stripMarkers(marked: string): { code: string; spans: MarkedSpan[] } {
  let code = '';
  const spans: MarkedSpan[] = [];
  let open: number | undefined;
  for (const ch of marked) {
    if (ch === '⟦') {
      if (open !== undefined) throw new Error('nested ⟦ markers are not supported');
      open = code.length;
    } else if (ch === '⟧') {
      if (open === undefined) throw new Error('⟧ without ⟦');
      spans.push({ start: open, end: code.length });
      open = undefined;
    } else {
      code += ch;
    }
  }
  if (open !== undefined) throw new Error('⟦ without ⟧');
  return { code, spans };
}
