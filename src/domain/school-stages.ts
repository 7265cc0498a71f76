/**
 * GIAS phases whose pupils include the early years foundation stage (reception, and nursery where
 * there is one). Middle schools start at Year 4 or later, so they have none unless they run a nursery.
 */
const EARLY_YEARS_PHASES = ['nursery', 'primary', 'all-through'];

/** GIAS phases that are themselves post-16 provision. */
const SIXTH_FORM_PHASES = ['16 plus'];

/** Which of the phase-dependent stages a school has: health checks and report cards judge these only where present. */
export interface SchoolStages {
  earlyYears: boolean;
  sixthForm: boolean;
}

/** What the stages are read from: a school's GIAS phase and its nursery and sixth-form flags. */
export interface StagedSchool {
  phase: string;
  hasNursery: boolean;
  hasSixthForm: boolean;
}

/** Reads the stages a school has from its GIAS phase and its nursery and sixth-form flags. */
export function stagesOf(school: StagedSchool): SchoolStages {
  const phase = school.phase.trim().toLowerCase();
  return {
    earlyYears: school.hasNursery || EARLY_YEARS_PHASES.includes(phase),
    sixthForm: school.hasSixthForm || SIXTH_FORM_PHASES.includes(phase),
  };
}
