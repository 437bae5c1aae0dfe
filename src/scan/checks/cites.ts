/** Rule-item key groups (spec §4.3); keys resolve through src/rules/ at the scan date. */

/** Technical security measures: TLS, HDR, CKE, EXP, LEK-01/02, CNT-06. */
export const TECH = ['O82-A7-1', 'O151-A10-4', 'CSL-TECH'] as const;
/** Finding and stopping illegal information: CNT-02, CNT-04, CNT-05. */
export const CONTENT = ['O82-A9-1', 'O151-A10-5', 'O151-A11-4', 'CSL-CONTENT'] as const;
/** Tamper resistance: CNT-01 defaced, CNT-03, CNT-06. */
export const TAMPER = ['O82-A9-3'] as const;
/** Prohibited-information measures without the ICP-service duty: CNT-03. */
export const PROHIBITED = ['O151-A10-5', 'CSL-CONTENT'] as const;
/** ICP number display: FIL-01…03 (transferred to the telecom regulator). */
export const MIIT_DISPLAY = ['MIIT33-A13'] as const;
/** Networked-unit filing: FIL-04/05, DNS-01, AVL-07. */
export const UNIT_FILING = ['O151-A10-1'] as const;
/** MLPS duties, added to high and critical findings on MLPS-filed systems. */
export const MLPS = 'O151-A10-7';
