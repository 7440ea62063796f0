/**
 * A tiny store shared by the side panel and the wrapped Publish action of
 * one edit view: the panel publishes what it knows of the current content
 * (live lint, review decision), the Publish action records a refusal, and
 * the panel explains it.
 */
import { useSyncExternalStore } from "react";
import type { Finding, ReviewEvent } from "./api";

export interface GateState {
  /** Whether the server's publish gate would refuse the current content. */
  blocked: boolean;
  blocking: Finding[];
  rejection: ReviewEvent | null;
}

export interface Refusal extends GateState {
  at: number;
}

interface State {
  gate: Record<string, GateState>;
  refusal: Record<string, Refusal | null>;
}

let state: State = { gate: {}, refusal: {} };
const listeners = new Set<() => void>();

const emit = (next: State) => {
  state = next;
  for (const listener of listeners) listener();
};

/** Key of an edit view: its document id, or "create" for a document not saved yet. */
export const keyOf = (documentId: string | undefined | null) => documentId ?? "create";

export const campaignStore = {
  getState: () => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  setGate(key: string, gate: GateState) {
    emit({ ...state, gate: { ...state.gate, [key]: gate } });
  },
  setRefusal(key: string, refusal: Refusal | null) {
    emit({ ...state, refusal: { ...state.refusal, [key]: refusal } });
  },
};

export function useRefusal(key: string): Refusal | null {
  return useSyncExternalStore(campaignStore.subscribe, () => state.refusal[key] ?? null);
}
