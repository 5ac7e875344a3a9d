// Each line from the nearest location with stock, split over the next nearest as needed.
import { byDistance, PlanState } from './common';
import type { AllocationStrategy } from './types';

export const nearestFirst: AllocationStrategy = {
  name: 'nearest-first',
  description: 'Each line from the nearest location with stock, splitting over the next nearest as needed.',
  plan(input) {
    const state = new PlanState(input);
    state.split([...input.locations].sort(byDistance));
    return state.picks;
  },
};
