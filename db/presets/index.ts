import { z } from 'zod'
import { ruleSetSchema, type Rule, type RuleSet } from '~/model/eligibility'
import { catalogueDocumentSchema } from '~/model/evaluation'
import { timeZoneSchema } from '~/model/inputs/region'
import chelyabinsk from './chelyabinsk.json'
import khabarovsk from './khabarovsk.json'
import tomsk from './tomsk.json'
import yugra from './yugra.json'

// Region presets (PRODUCT §5): municipalities, directions and groups, the
// coverage indicator and a starting rule set. All of it is data that the
// regional coordinator edits afterwards; the JSON files were taken from the
// documents listed in PRODUCT §13 (their `sources`); teacher counts are estimates.

export const presetSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** IANA zone: dates, deadlines and protocol times of the region (PRODUCT §12). */
  timeZone: timeZoneSchema,
  operator: z.object({ name: z.string(), address: z.string(), inn: z.string(), ogrn: z.string(), demo: z.boolean().optional() }),
  ministry: z.string().min(1),
  site: z.string().url(),
  coverage: z.object({ maxTeachersPerMember: z.number().int().positive(), clause: z.string() }).nullable(),
  quorum: z.object({ fraction: z.number().gt(0).lte(1), clause: z.string() }),
  municipalities: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1), kind: z.string(), teachers: z.number().int().nonnegative() }))
    .min(1),
  /** The teacher counts are estimates, not reported figures: the coverage page says «оценка». */
  teachersAreEstimates: z.boolean().optional(),
  directions: z.array(
    z.object({ code: z.string(), name: z.string(), groups: z.array(z.object({ code: z.string(), name: z.string() })) }),
  ),
  subjects: z.array(z.string()).min(1),
  commission: z.object({ name: z.string(), chair: z.string(), secretary: z.string() }),
  /**
   * The evaluation of members' activity (issue 10 §2): the school year's first
   * day and the catalogue; its `source` cites the seed that asks for it, or is
   * a template where no seed does.
   */
  evaluation: z.object({
    yearStart: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
    catalogue: catalogueDocumentSchema,
  }),
  sources: z.array(z.string()),
})
export type RegionPreset = z.infer<typeof presetSchema> & { ruleSet: RuleSet }

const TOMSK = 'Распоряжение Департамента общего образования Томской области от 27.10.2022 № 1788-р, п. 3.2'

const tomskRules = (clause: string): Pick<RuleSet, 'required' | 'groups'> => ({
  required: [
    { id: 'category', label: 'Высшая квалификационная категория', clause, fact: 'qualificationCategory', test: { op: 'in', values: ['highest'] } },
    { id: 'education', label: 'Высшее образование', clause, fact: 'educationLevel', test: { op: 'in', values: ['higher'] } },
    { id: 'pedagogical', label: 'Педагогическое образование', clause, fact: 'educationPedagogical', test: { op: 'isTrue' } },
    { id: 'experience', label: 'Стаж работы по специальности не менее 5 лет', clause, fact: 'experienceYears', test: { op: 'gte', value: 5 } },
  ],
  groups: [
    {
      id: 'achievements',
      label: 'Соответствие одному или нескольким дополнительным требованиям',
      clause,
      atLeast: 1,
      rules: (
        [
          ['fioko', 'fiokoAssessment', 'Успешно прошёл оценку предметных и (или) методических компетенций ФИОКО', '1'],
          ['regional', 'regionalAssessment', 'Успешно прошёл оценку предметных и (или) методических компетенций на региональном уровне', '2'],
          ['gia', 'giaCommission', 'Председатель или член региональной предметной комиссии ГИА', '3'],
          ['leader', 'communityLeader', 'Лидер профессионального предметного сообщества, ассоциации, объединения, клуба', '4'],
          ['council', 'methodCouncilHead', 'Руководитель методического совета, объединения, отдела', '5'],
          ['contest', 'contestWinner', 'Победитель регионального или федерального этапа конкурса профессионального мастерства', '6'],
          ['expert', 'expertEvaluation', 'Высокие результаты экспертной оценки профессиональной деятельности', '7'],
          ['staff', 'instituteStaff', 'Сотрудник регионального института развития образования, РЦРО или ОЦДО', '8'],
        ] as const
      ).map(([id, fact, label, n]): Rule => ({ id, label, clause: `${clause}, подп. ${n}`, fact, test: { op: 'isTrue' } })),
    },
  ],
})

const CHEL_PROTOCOL = 'Протокол заседания УМО в системе общего образования Челябинской области от 31.05.2023 № 20'

/** The typical requirements (after Tomsk's п. 3.2) that a region without its own document starts from. */
export function typicalRuleSet(code: string, regionName: string): RuleSet {
  return ruleSetSchema.parse({
    code,
    version: 1,
    title: `Требования к кандидатам в РМА: ${regionName} (типовые, по образцу п. 3.2 распоряжения Томской области № 1788-р)`,
    ...tomskRules(`Типовое требование по образцу: ${TOMSK}`),
  })
}

const ruleSets: Record<string, RuleSet> = {
  tomsk: { code: 'rma-tomsk', version: 1, title: 'Требования к кандидатам в РМА Томской области', ...tomskRules(TOMSK) },
  chelyabinsk: {
    code: 'rma-chelyabinsk',
    version: 1,
    title: 'Требования к кандидатам в РМА Челябинской области (типовые, по образцу п. 3.2 распоряжения Томской области № 1788-р)',
    ...tomskRules(`Типовое требование по образцу: ${TOMSK}`),
    fastTrack: {
      label: 'Ускоренный порядок: кандидат включён в другое профессиональное сообщество РС НМС',
      clause: `${CHEL_PROTOCOL}, приложение, раздел 1, мероприятие 2`,
      rules: [
        {
          id: 'registry',
          label: 'Эксперт регионального реестра, участник ФИП/РИП, РМО, ментор или тьютор ДПП',
          clause: `${CHEL_PROTOCOL}, приложение, раздел 1, мероприятие 2`,
          fact: 'registryMember',
          test: { op: 'isTrue' },
        },
      ],
    },
  },
  khabarovsk: {
    code: 'rma-khabarovsk',
    version: 1,
    title: 'Требования к кандидатам в РМА Хабаровского края (типовые, по образцу п. 3.2 распоряжения Томской области № 1788-р)',
    ...tomskRules(`Типовое требование по образцу: ${TOMSK}`),
  },
  yugra: {
    code: 'rma-yugra',
    version: 1,
    title: 'Требования к кандидатам в РМА ХМАО – Югры (типовые, по образцу п. 3.2 распоряжения Томской области № 1788-р)',
    ...tomskRules(`Типовое требование по образцу: ${TOMSK}`),
  },
}

export const presets: RegionPreset[] = [tomsk, chelyabinsk, khabarovsk, yugra].map((raw) => {
  const p = presetSchema.parse(raw)
  return { ...p, ruleSet: ruleSetSchema.parse(ruleSets[p.code]) }
})

export function preset(code: string): RegionPreset {
  const p = presets.find((x) => x.code === code)
  if (!p) throw new Error(`Нет пресета региона «${code}». Доступны: ${presets.map((x) => x.code).join(', ')}`)
  return p
}
