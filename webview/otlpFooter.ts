import type { OtlpExportState } from '../src/shared/protocol';
import { groupThousands } from './format';

/** The footer's OTLP note: where spans go and how many were lost; empty while the export is off. */
export function otlpFooterText(state: OtlpExportState): string {
  if (state.problem) return `OTLP export off: ${state.problem}`;
  if (!state.enabled) return '';
  const sent = `OTLP → ${state.target ?? '?'} · ${groupThousands(state.exported)} spans sent`;
  return state.dropped > 0 ? `${sent} · ${groupThousands(state.dropped)} dropped` : sent;
}
