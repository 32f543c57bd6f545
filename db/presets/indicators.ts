import type { Comparison, Computation, Indicator, IndicatorLevel } from '~/model/indicators'

// The indicators each region starts its yearly report with (issue 10 §2.5).
// Khabarovsk's are the form of its protocol №4 of 13.12.2023, question 3,
// word for word (four municipal and three regional indicators, from the
// Khabarovsk ministry's directive №759 of 28.06.2022). No other region's
// document lists indicators: they get a typical list, marked as a template,
// that the regional coordinator replaces.

/** An indicator as a preset lists it: the region's row without its ids and place in the list. */
export type PresetIndicator = Omit<Indicator, 'id' | 'regionId' | 'position'>

const KHV = 'Протокол заседания РУМО в системе общего образования Хабаровского края от 13.12.2023 № 4, вопрос 3'
const KHV_MUNICIPAL = `${KHV}, муниципальный показатель`
const KHV_REGIONAL = `${KHV}, региональный показатель`

const municipalFlag = (code: string, n: number, title: string, minimum: number, minimumText: string): PresetIndicator => ({
  code,
  title,
  level: 'municipal',
  unit: '',
  comparison: 'atLeast',
  minimum,
  minimumText,
  municipalTarget: null,
  computation: null,
  source: `${KHV_MUNICIPAL} ${n}`,
  template: false,
})

export const khabarovskIndicators: PresetIndicator[] = [
  municipalFlag('khv-m1-model', 1, 'Доля муниципальных систем образования Хабаровского края, в которых созданы и функционируют муниципальные модели методического сопровождения педагогических работников и управленческих кадров', 100, '100 %'),
  municipalFlag('khv-m2-associations', 2, 'Доля муниципальных систем образования Хабаровского края, в которых функционируют муниципальные методические объединения', 65, 'не менее 65 %'),
  municipalFlag('khv-m3-communities', 3, 'Доля муниципальных систем образования Хабаровского края, в которых созданы и функционируют педагогические сообщества лидеров образования, молодых педагогов, сетевые педагогические сообщества', 65, 'не менее 65 %'),
  municipalFlag('khv-m4-contests', 4, 'Доля муниципальных систем образования, в которых педагогические работники образовательных организаций вовлечены в краевые конкурсы профессионального мастерства, региональные этапы всероссийских конкурсов профессионального мастерства', 65, 'не менее 65 %'),
  {
    code: 'khv-r1-diagnostics',
    title: 'Доля педагогических работников и управленческих кадров Хабаровского края, прошедших диагностику профессиональных дефицитов в ЦНППМ',
    level: 'regional',
    unit: '%',
    comparison: 'atLeast',
    minimum: 10,
    minimumText: '10 %',
    municipalTarget: null,
    computation: null,
    source: `${KHV_REGIONAL} 1`,
    template: false,
  },
  {
    code: 'khv-r2-routes',
    title: 'Доля педагогических работников и управленческих кадров Хабаровского края, для которых были разработаны индивидуальные образовательные маршруты на основе результатов диагностики профессиональных дефицитов в ЦНППМ',
    level: 'regional',
    unit: '%',
    comparison: 'atLeast',
    minimum: 10,
    minimumText: '10 %',
    municipalTarget: null,
    computation: null,
    source: `${KHV_REGIONAL} 2`,
    template: false,
  },
  {
    code: 'khv-r3-bank',
    title: 'Сформирован банк регионального/муниципального методического актива (в расчете не более 100 педагогических работников общеобразовательных организаций на одного представителя муниципального/регионального методического актива)',
    level: 'regional',
    unit: 'педагогов на 1 члена актива',
    comparison: 'atMost',
    minimum: 100,
    minimumText: 'сформирован (не более 100 педагогических работников на одного представителя актива)',
    municipalTarget: null,
    computation: 'teachersPerMember',
    source: `${KHV_REGIONAL} 3; распоряжение министерства образования и науки Хабаровского края от 28.06.2022 № 759`,
    template: false,
  },
]

const TEMPLATE = 'Типовой показатель (шаблон): региональный документ его не устанавливает; минимальное значение задаёт регион'
const BY_KHV = `${TEMPLATE}. По образцу: ${KHV}`

const computed = (code: string, title: string, level: IndicatorLevel, computation: Computation, unit: string, comparison: Comparison, minimum: number, municipalTarget: number | null = null, source = TEMPLATE): PresetIndicator => ({
  code,
  title,
  level,
  unit,
  comparison,
  minimum,
  minimumText: '',
  municipalTarget,
  computation,
  source,
  template: true,
})

/** The typical list for a region without its own document. */
export const templateIndicators: PresetIndicator[] = [
  computed('teachers-per-member', 'Педагогических работников на одного члена методического актива', 'regional', 'teachersPerMember', 'педагогов на 1 члена актива', 'atMost', 100, null, BY_KHV),
  computed('municipalities-with-members', 'Доля муниципалитетов, в которых есть члены методического актива', 'regional', 'municipalitiesWithMembers', '%', 'atLeast', 100),
  computed('activity-school', 'Подтверждённые мероприятия членов актива школьного уровня', 'regional', 'activitySchool', 'ед.', 'atLeast', 10),
  computed('activity-municipal', 'Подтверждённые мероприятия членов актива муниципального уровня', 'regional', 'activityMunicipal', 'ед.', 'atLeast', 10),
  computed('activity-regional', 'Подтверждённые мероприятия членов актива регионального уровня', 'regional', 'activityRegional', 'ед.', 'atLeast', 5),
  computed('activity-federal', 'Подтверждённые мероприятия членов актива федерального уровня', 'regional', 'activityFederal', 'ед.', 'atLeast', 1),
  {
    code: 'diagnostics-share',
    title: 'Доля педагогических работников, прошедших диагностику профессиональных дефицитов',
    level: 'regional',
    unit: '%',
    comparison: 'atLeast',
    minimum: 10,
    minimumText: '',
    municipalTarget: null,
    computation: null,
    source: BY_KHV,
    template: true,
  },
  computed('members-per-100', 'Членов методического актива на 100 педагогических работников муниципалитета (не менее одного)', 'municipal', 'membersPer100Teachers', 'на 100 педагогов', 'atLeast', 100, 1),
  {
    code: 'municipal-model',
    title: 'В муниципалитете утверждена муниципальная модель методического сопровождения педагогических работников',
    level: 'municipal',
    unit: '',
    comparison: 'atLeast',
    minimum: 100,
    minimumText: '',
    municipalTarget: null,
    computation: null,
    source: BY_KHV,
    template: true,
  },
]

/** The list a preset installs: Khabarovsk's own, the template for every other region. */
export function indicatorsForPreset(presetCode: string | null): PresetIndicator[] {
  return presetCode === 'khabarovsk' ? khabarovskIndicators : templateIndicators
}
