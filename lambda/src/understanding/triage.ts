/**
 * The one triage policy (content/triage.json, compiled in): each symptom concept has one grade,
 * whatever its wording and in every locale. Words become concepts in the understanding; this module
 * only says how serious a concept is, and how body parts, states and severities combine into one.
 */
import policy from '../../../content/triage.json';

export const grades = ['mild', 'urgent', 'emergency'] as const;

export type Grade = (typeof grades)[number];

export interface Graded {
  grade: Grade;
  /** The content key group that explains it (triage.advice.<advice>), for urgent and mild concepts. */
  advice?: string;
  sources: readonly string[];
}

function isGrade(value: string): value is Grade {
  return grades.some((grade) => grade === value);
}

const table = new Map<string, Graded>();
for (const [id, entry] of Object.entries(policy.grades)) {
  if (!isGrade(entry.grade)) throw new Error(`content/triage.json: ${id} has no known grade`);
  table.set(id, { grade: entry.grade, sources: entry.sources, ...('advice' in entry ? { advice: entry.advice } : {}) });
}

/** Every graded concept, with its grade. */
export const policyTable: ReadonlyMap<string, Graded> = table;

export const policySources: Readonly<Record<string, string>> = policy.meta.sources;

/** Concepts that only change another's meaning ("can't get up" after a fall), and carry no grade. */
export const helperConcepts: ReadonlySet<string> = new Set(policy.helpers.ids);

export function gradeOf(concept: string): Grade | undefined {
  return table.get(concept)?.grade;
}

export function rank(grade: Grade): number {
  return grades.indexOf(grade);
}

/** The symptom a body part in a state amounts to ("legs" and "numb" are legNumbness), if any. */
export function combine(bodyPart: string, state: string): string | undefined {
  return policy.combinations.find((entry) => entry.bodyPart === bodyPart && entry.state === state)?.symptom;
}

/** What a symptom becomes when it is reported as severe ("my back hurts a lot"). */
export function escalate(symptom: string): string {
  const severe: Record<string, string> = policy.escalations.severe;
  return Object.hasOwn(severe, symptom) ? severe[symptom] : symptom;
}

/** A fall with any of these is an emergency of its own. */
export const fallRedFlags: ReadonlySet<string> = new Set(policy.escalations.fall.with);
export const FALL = 'fall';
export const fallWithRedFlag: string = policy.escalations.fall.symptom;

/** Where a question about a symptom goes when nothing else covers it: the fact that lists the warning signs. */
export const symptomQuestionAnswer: string = policy.questions.answer;
export const symptomQuestionSection: string = policy.questions.section;
