// Each line from the location with the best (lowest) priority that has stock, then the nearest.
import { byPriority, PlanState } from './common';
import type { AllocationStrategy } from './types';

export const priorityFirst: AllocationStrategy = {
  name: 'priority-first',
  description: 'Each line from the lowest-priority-number location with stock (then nearest), splitting as needed.',
  plan(input) {
    const state = new PlanState(input);
    state.split([...input.locations].sort(byPriority));
    return state.picks;
  },
};
