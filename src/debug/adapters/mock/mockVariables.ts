// Variable references of one stop: scopes and structured values get numbers that stay valid
// until the program resumes, as DAP expects.
import { formatValue, isStructured, typeName, type MockValue } from './mockValue';

export interface MockVariable {
  name: string;
  value: string;
  type: string;
  /** > 0 when the value has children. */
  variablesReference: number;
  indexedVariables?: number;
  namedVariables?: number;
}

export interface VariablesPage {
  /** 'indexed' or 'named' children only, as DAP's `filter`. */
  filter?: 'indexed' | 'named';
  start?: number;
  count?: number;
}

type Container = { kind: 'bindings'; bindings: Map<string, MockValue> } | { kind: 'value'; value: MockValue[] | Record<string, MockValue> };

export class MockVariableReferences {
  private readonly containers = new Map<number, Container>();
  private next = 1;

  clear(): void {
    this.containers.clear();
    // never reuse a number within one run, so a stale reference cannot point at something new
  }

  forBindings(bindings: Map<string, MockValue>): number {
    return this.add({ kind: 'bindings', bindings });
  }

  describe(name: string, value: MockValue): MockVariable {
    const variable: MockVariable = { name, value: formatValue(value), type: typeName(value), variablesReference: 0 };
    if (isStructured(value)) {
      variable.variablesReference = this.add({ kind: 'value', value });
      if (Array.isArray(value)) variable.indexedVariables = value.length;
      else variable.namedVariables = Object.keys(value).length;
    }
    return variable;
  }

  has(reference: number): boolean {
    return this.containers.has(reference);
  }

  /** Children of a reference, or undefined when the reference is not (or no longer) valid. */
  children(reference: number, page: VariablesPage = {}): MockVariable[] | undefined {
    const container = this.containers.get(reference);
    if (!container) return undefined;
    let entries: [string, MockValue][];
    if (container.kind === 'bindings') {
      entries = page.filter === 'indexed' ? [] : [...container.bindings.entries()];
    } else if (Array.isArray(container.value)) {
      const items = container.value;
      if (page.filter === 'named') return [];
      const start = Math.max(0, page.start ?? 0);
      const end = page.count !== undefined && page.count > 0 ? Math.min(items.length, start + page.count) : items.length;
      const result: MockVariable[] = [];
      for (let index = start; index < end; index++) result.push(this.describe(String(index), items[index]));
      return result;
    } else {
      entries = page.filter === 'indexed' ? [] : Object.entries(container.value);
    }
    const start = Math.max(0, page.start ?? 0);
    const end = page.count !== undefined && page.count > 0 ? start + page.count : undefined;
    return entries.slice(start, end).map(([name, value]) => this.describe(name, value));
  }

  /** Stores a value under `name` in the container a reference stands for; false when it is stale. */
  assign(reference: number, name: string, value: MockValue): boolean {
    const container = this.containers.get(reference);
    if (!container) return false;
    if (container.kind === 'bindings') {
      if (!container.bindings.has(name)) return false;
      container.bindings.set(name, value);
    } else if (Array.isArray(container.value)) {
      const index = Number(name);
      if (!Number.isInteger(index) || index < 0 || index >= container.value.length) return false;
      container.value[index] = value;
    } else {
      container.value[name] = value;
    }
    return true;
  }

  private add(container: Container): number {
    const reference = this.next++;
    this.containers.set(reference, container);
    return reference;
  }
}
