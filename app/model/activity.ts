// The kinds and levels of a member's methodological work (issue 10 §1.1).
// The kinds are the default catalogue every region starts from; the points per
// kind and level belong to the evaluation catalogue, which is separate data.
// Pure: the form, the domain and the pages share it.

export const activityKinds = [
  'openLesson',
  'seminar',
  'consultation',
  'expertWork',
  'publication',
  'mentoring',
  'course',
  'jury',
  'other',
] as const
export type ActivityKind = (typeof activityKinds)[number]

export const activityKindLabels: Record<ActivityKind, string> = {
  openLesson: 'Открытый урок или мастер-класс',
  seminar: 'Проведённый семинар или вебинар',
  consultation: 'Консультация',
  expertWork: 'Экспертная работа (ГИА, аттестация, конкурсы)',
  publication: 'Методическая публикация или разработка',
  mentoring: 'Наставничество',
  course: 'Проведённые курсы',
  jury: 'Работа в жюри',
  other: 'Другое',
}

export const activityLevels = ['school', 'municipal', 'regional', 'federal'] as const
export type ActivityLevel = (typeof activityLevels)[number]

export const activityLevelLabels: Record<ActivityLevel, string> = {
  school: 'школьный',
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
}

export const activityStateLabels: Record<string, string> = {
  draft: 'черновик',
  submitted: 'на подтверждении',
  returned: 'возвращена на доработку',
  resubmitted: 'на подтверждении (после доработки)',
  confirmed: 'подтверждена',
}

/** The states in which the member may still change the record. */
export const activityEditableStates = ['draft', 'returned'] as const

/** Which records a coordinator's list shows: those waiting for a decision (the default), the confirmed ones (imported ones too), or every sent one. */
export const activityListViews = ['pending', 'confirmed', 'all'] as const
export type ActivityListShow = (typeof activityListViews)[number]

export const activityListViewLabels: Record<ActivityListShow, string> = {
  pending: 'на подтверждении',
  confirmed: 'подтверждённые',
  all: 'все отправленные и подтверждённые',
}
