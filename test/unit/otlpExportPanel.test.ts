import * as assert from 'node:assert/strict';
import { asHostEnvelope, asWebviewEnvelope } from '../../src/shared/protocol';
import { otlpFooterText } from '../../webview/otlpFooter';

describe('OTLP export in the panel protocol and footer', () => {
  it('carries the export counters host to webview, and an export format webview to host', () => {
    assert.ok(asHostEnvelope({ messageId: 1, body: { type: 'otlpExport', state: { enabled: true, target: 'http://127.0.0.1:4318', exported: 3, dropped: 1 } } }));
    assert.ok(asWebviewEnvelope({ messageId: 2, body: { type: 'exportView', eventIds: [1], imported: false, suggestedName: 'a.json', format: 'otlp-json' } }));
    assert.ok(asWebviewEnvelope({ messageId: 3, body: { type: 'exportView', eventIds: [1], imported: false, suggestedName: 'a.json' } }), 'the format is optional');
    assert.equal(asWebviewEnvelope({ messageId: 4, body: { type: 'exportView', eventIds: [1], imported: false, suggestedName: 'a.json', format: 'zipkin' } }), undefined);
  });

  it('shows where spans go and how many were lost, and nothing while the export is off', () => {
    assert.equal(otlpFooterText({ enabled: false, exported: 0, dropped: 0 }), '');
    assert.equal(otlpFooterText({ enabled: true, target: 'https://otel.example', exported: 12_345, dropped: 0 }), 'OTLP → https://otel.example · 12,345 spans sent');
    assert.equal(otlpFooterText({ enabled: true, target: 'https://otel.example', exported: 2, dropped: 1_024 }), 'OTLP → https://otel.example · 2 spans sent · 1,024 dropped');
    assert.equal(otlpFooterText({ enabled: false, exported: 0, dropped: 0, problem: '"x" is not an http(s) URL' }), 'OTLP export off: "x" is not an http(s) URL');
  });
});
