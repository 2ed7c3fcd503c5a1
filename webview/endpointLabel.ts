// The MCP endpoint's state in the header: its URL, starting, or why it failed.
import type { EndpointState } from '../src/shared/protocol';
import { h, icon } from './dom';

export class EndpointLabel {
  readonly element = h('span', { class: 'endpoint', role: 'status' });

  update({ status, url, error }: EndpointState): void {
    this.element.className = `endpoint endpoint-${status}`;
    this.element.replaceChildren(
      icon(status === 'listening' ? 'radio-tower' : status === 'failed' ? 'error' : 'loading'),
      status === 'listening' ? ` ${url ?? 'listening'}` : status === 'failed' ? ` endpoint failed: ${error ?? ''}` : ' starting…');
  }
}
