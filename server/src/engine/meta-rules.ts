// Findings the engine itself reports about suppression comments (not about networking code).
export const UNUSED_SUPPRESSION = 'netadvisor-unused-suppression';
export const INVALID_SUPPRESSION = 'netadvisor-invalid-suppression';
export const REASON_MISSING = 'netadvisor-suppression-reason-missing';
export const SUPPRESSION_ARTICLE = 'suppressions';
