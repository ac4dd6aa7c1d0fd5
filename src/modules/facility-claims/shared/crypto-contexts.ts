/** Field-encryption contexts (associated data) of facility claims: one per column, so values cannot be swapped between columns. */
export const FC_CRYPTO = {
  userDisplayName: 'fc_users.display_name',
  userEmail: 'fc_users.email',
  /** Blind index of fc_users.email (per-address throttling). */
  userEmailIndex: 'fc_users.email_index',
  staffName: 'fc_staff.name',
  staffNameKana: 'fc_staff.name_kana',
  staffBirthDate: 'fc_staff.birth_date',
  staffAddress: 'fc_staff.address',
  staffQualificationNumber: 'fc_staff.qualification_number',
  staffHistoryNote: 'fc_staff_history.note',
  submissionContent: 'fc_submissions.content',
  countQuery: 'fc_count_reviews.query_text',
  countAnswer: 'fc_count_reviews.answer_text',
} as const;
