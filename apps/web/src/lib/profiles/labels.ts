import { m } from '$lib/paraglide/messages';
import type { ProfileSection } from './profile';

/** The name of each profile section in the UI's language, in the profile's order. */
export const sectionLabel: Record<ProfileSection, () => string> = {
  history: m.profile_history,
  mission: m.profile_mission,
  vision: m.profile_vision,
  strategies: m.profile_strategies,
  objectives: m.profile_objectives,
  currentNeeds: m.profile_current_needs,
  futureNeeds: m.profile_future_needs,
  fears: m.profile_fears,
  threats: m.profile_threats,
};
