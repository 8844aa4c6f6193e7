import { BlbError } from '../../src/index.js';
import type { EmulatorConfig } from './config.js';

export type ListenerType = 'TCP' | 'UDP' | 'HTTP' | 'HTTPS' | 'SSL';
export type Listener = { listenerPort: number; listenerType: ListenerType } & Record<
  string,
  unknown
>;

export interface BackendServer {
  instanceId: string;
  weight: number;
  privateIp: string;
}

export interface Instance {
  readonly blbId: string;
  name: string;
  desc: string;
  readonly address: string;
  readonly publicIp: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly createTime: string;
  allowDelete: boolean;
  ipv6: string;
  tags: readonly { tagKey: string; tagValue: string }[];
  /** `creating` or `updating` until this time, `available` after. */
  busyUntil: number;
  busyAs: 'creating' | 'updating';
  /** Bumped on every change; the ETag of the detail response. */
  version: number;
  readonly listeners: Map<number, Listener>;
  readonly backendServers: Map<string, BackendServer>;
  readonly securityGroups: Set<string>;
}

/** One account's instances. Everything lives in memory for the life of the process. */
export class AccountStore {
  readonly instances = new Map<string, Instance>();

  constructor(private readonly config: EmulatorConfig) {}

  statusOf(instance: Instance): 'creating' | 'updating' | 'available' {
    return this.config.now() < instance.busyUntil ? instance.busyAs : 'available';
  }

  find(blbId: string): Instance {
    const instance = this.instances.get(blbId);
    if (instance === undefined) throw new BlbError('InstanceNotFound');
    return instance;
  }

  /** An instance that accepts writes: `LastOperationNotFinished` while it is busy. */
  writable(blbId: string): Instance {
    const instance = this.find(blbId);
    if (this.statusOf(instance) !== 'available') throw new BlbError('LastOperationNotFinished');
    return instance;
  }

  markUpdating(instance: Instance): void {
    instance.version += 1;
    if (this.config.updateDelayMs <= 0) return;
    instance.busyAs = 'updating';
    instance.busyUntil = this.config.now() + this.config.updateDelayMs;
  }
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * BLB's paging: `marker` is the key the page starts at, `nextMarker` the key of the next page.
 * Items are sorted by `order` of their keys. An empty marker is the start; a marker whose item
 * has gone since (deleted between two pages) starts at the first key after it, so a client
 * walking the pages neither fails nor sees an item twice.
 */
export function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  order: (a: string, b: string) => number,
  marker: string | undefined,
  maxKeys: number,
): { items: T[]; marker: string; isTruncated: boolean; nextMarker: string; maxKeys: number } {
  const sorted = [...items].sort((a, b) => order(keyOf(a), keyOf(b)));
  const from =
    marker === undefined || marker === ''
      ? 0
      : sorted.findIndex((item) => order(keyOf(item), marker) >= 0);
  const start = from < 0 ? sorted.length : from;
  const next = sorted[start + maxKeys];
  return {
    items: sorted.slice(start, start + maxKeys),
    marker: marker ?? '',
    isTruncated: next !== undefined,
    nextMarker: next === undefined ? '' : keyOf(next),
    maxKeys,
  };
}
