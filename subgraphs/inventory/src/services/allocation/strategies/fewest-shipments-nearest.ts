// Default routing: as few shipments as possible, then the nearest locations.
//
// 1. Whole lines: repeatedly take the location that can serve the most missing units with whole lines
//    (a line counts only when the location has all of it), ties broken by distance to the destination,
//    then priority; so one location that can serve the whole order wins.
// 2. Lines no single location can serve are split: first over locations already shipping something
//    for this order (nearest first; no extra shipment), then, until the line is covered, the nearest
//    location that can finish it, or else the one with the most units (nearest among equals) — the
//    fewest extra locations, and the nearest among those.
import { byDistance, PlanState } from './common';
import type { AllocationStrategy, CandidateLocation } from './types';

export const fewestShipmentsNearest: AllocationStrategy = {
  name: 'fewest-shipments-nearest',
  description: 'Fewest locations serving whole lines, nearest first; lines are split only when no single location has them.',
  plan(input) {
    const state = new PlanState(input);
    const ranked = [...input.locations].sort(byDistance);
    const used = new Set<string>();
    for (;;) {
      let best: CandidateLocation | null = null;
      let bestUnits = 0;
      for (const location of ranked) {
        let units = 0;
        for (const [sku, quantity] of state.remaining) if (state.sellable(location.id, sku) >= quantity) units += quantity;
        // Strictly more: among equals the earlier (nearer, then higher-priority) location stays.
        if (units > bestUnits) {
          best = location;
          bestUnits = units;
        }
      }
      if (!best) break;
      for (const [sku, quantity] of [...state.remaining]) if (state.sellable(best.id, sku) >= quantity) state.take(best.id, sku, quantity);
      used.add(best.id);
    }
    for (const sku of [...state.remaining.keys()]) {
      for (const location of ranked) if (used.has(location.id)) state.take(location.id, sku, state.remaining.get(sku) ?? 0);
      while (state.remaining.has(sku)) {
        const left = state.remaining.get(sku)!;
        const stocked = ranked.filter((location) => state.sellable(location.id, sku) > 0);
        if (stocked.length === 0) break;
        const finisher = stocked.find((location) => state.sellable(location.id, sku) >= left);
        const largest = stocked.reduce((a, b) => (state.sellable(b.id, sku) > state.sellable(a.id, sku) ? b : a));
        const location = finisher ?? largest;
        state.take(location.id, sku, left);
        used.add(location.id);
      }
    }
    return state.picks;
  },
};
