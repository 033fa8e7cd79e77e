import type { ProfileResult } from '../runner.ts';

export interface TimelineSvgOptions {
  /** Steps that failed: their rows are ringed in red. */
  failedSteps?: ReadonlySet<number>;
}

const LEFT = 176;
const GAP = 136;
const LINE_Y = 50;
const HEIGHT = 100;
const BREAK = 12;

/** Escapes text for XML content and attribute values. */
export function escapeXml(value: string): string {
  // Characters XML 1.0 does not allow at all are dropped; the rest are escaped.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A stable colour per Channel ID, so the same ID looks the same in every profile's timeline. */
export function channelColour(channelId: string | null): string {
  if (channelId === null) return '#8c959f';
  let hash = 0;
  for (const char of channelId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return `hsl(${hash % 360} 62% 40%)`;
}

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One profile's identity timeline as an SVG: a line through its rows (opened, reloaded, …),
 * coloured by Channel ID, with a visible break (`<g class="break">`, red zig-zag) where the
 * Channel ID changed. Pure: same input, same string.
 */
export function timelineSvg(profile: ProfileResult, options: TimelineSvgOptions = {}): string {
  const rows = profile.timeline;
  const width = Math.max(LEFT + GAP * Math.max(rows.length - 1, 0) + 96, 420);
  const x = (i: number): number => LEFT + 24 + i * GAP;
  const parts: string[] = [];
  const changes = rows.filter((r) => r.changed).length;
  const summary = `${profile.name} (${profile.kind}): ${rows.length} timeline row(s), ${changes === 0 ? 'the Channel ID never changed' : `the Channel ID changed ${changes} time(s)`}`;

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" data-profile="${escapeXml(profile.name)}" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${escapeXml(summary)}</title>`,
    `<text x="8" y="${LINE_Y - 4}" font-size="13" font-weight="600" fill="#1f2328">${escapeXml(cut(profile.name, 22))}</text>`,
    `<text x="8" y="${LINE_Y + 12}" fill="#59636e">${escapeXml(cut(profile.externalUserId ? `${profile.kind} · ${profile.externalUserId}` : profile.kind, 26))}</text>`,
  );

  for (let i = 1; i < rows.length; i++) {
    const previous = rows[i - 1]!;
    const row = rows[i]!;
    const from = x(i - 1) + 8;
    const to = x(i) - 8;
    if (row.channelId === null || previous.channelId === null) {
      parts.push(
        `<line class="segment ended" x1="${from}" y1="${LINE_Y}" x2="${to}" y2="${LINE_Y}" stroke="#8c959f" stroke-width="2" stroke-dasharray="4 4"/>`,
      );
    } else if (row.changed) {
      const mid = (from + to) / 2;
      parts.push(
        `<line class="segment" x1="${from}" y1="${LINE_Y}" x2="${mid - BREAK}" y2="${LINE_Y}" stroke="${channelColour(previous.channelId)}" stroke-width="4"/>`,
        `<line class="segment" x1="${mid + BREAK}" y1="${LINE_Y}" x2="${to}" y2="${LINE_Y}" stroke="${channelColour(row.channelId)}" stroke-width="4"/>`,
        `<g class="break" data-testid="break" data-from="${escapeXml(previous.channelId)}" data-to="${escapeXml(row.channelId)}">`,
        `<title>${escapeXml(`Channel ID changed: ${previous.channelId} → ${row.channelId}`)}</title>`,
        `<polyline points="${mid - BREAK + 2},${LINE_Y + 10} ${mid - 3},${LINE_Y - 10} ${mid + 3},${LINE_Y + 10} ${mid + BREAK - 2},${LINE_Y - 10}" fill="none" stroke="#cf222e" stroke-width="3" stroke-linejoin="round"/>`,
        `<text x="${mid}" y="${LINE_Y - 26}" text-anchor="middle" fill="#cf222e" font-weight="600">ID changed</text>`,
        `</g>`,
      );
    } else {
      parts.push(
        `<line class="segment" x1="${from}" y1="${LINE_Y}" x2="${to}" y2="${LINE_Y}" stroke="${channelColour(row.channelId)}" stroke-width="4"/>`,
      );
    }
  }

  rows.forEach((row, i) => {
    const failed = row.step !== null && options.failedSteps?.has(row.step) === true;
    const step = row.step === null ? '' : `steps[${row.step}] `;
    const detail = `${step}${row.action}: ${row.channelId ?? 'no Channel ID'}${row.responsePath ? ` (${row.responsePath})` : ''}${row.note ? ` — ${row.note}` : ''}${failed ? ' — a failed step' : ''}`;
    const label = row.channelId === null ? '—' : cut(row.channelId, 18);
    parts.push(
      `<g class="row${failed ? ' failed' : ''}${row.changed ? ' changed' : ''}" data-action="${row.action}"${row.step === null ? '' : ` data-step="${row.step}"`}>`,
      `<title>${escapeXml(detail)}</title>`,
      `<circle cx="${x(i)}" cy="${LINE_Y}" r="7" fill="${channelColour(row.channelId)}"${failed ? ' stroke="#cf222e" stroke-width="3"' : ' stroke="#fff" stroke-width="2"'}/>`,
      `<text x="${x(i)}" y="${LINE_Y - 13}" text-anchor="middle" font-family="ui-monospace, monospace" fill="${row.channelId === null ? '#59636e' : channelColour(row.channelId)}">${escapeXml(label)}</text>`,
      `<text x="${x(i)}" y="${LINE_Y + 22}" text-anchor="middle" fill="${failed ? '#cf222e' : '#1f2328'}">${escapeXml(row.action)}${row.note?.startsWith('refused') ? ' (refused)' : ''}</text>`,
      row.step === null
        ? ''
        : `<text x="${x(i)}" y="${LINE_Y + 36}" text-anchor="middle" fill="#59636e">${failed ? '✗ ' : ''}steps[${row.step}]</text>`,
      `</g>`,
    );
  });
  parts.push('</svg>');
  return parts.filter((p) => p !== '').join('');
}
