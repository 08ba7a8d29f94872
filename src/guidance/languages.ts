/**
 * Guidance written in the other languages agent files are found in — Japanese, Chinese, Korean, Russian, Turkish,
 * Polish and the Latin-script languages of Western Europe — read
 * with small word lists instead of the English grammar: which clauses forbid, which sentences hand the decision to
 * a human, and a few things a clause may name (web search, installing what is missing, writing somewhere, publishing,
 * doing it without asking). The words are kept short and literal; a reading made from them is never certain, so the
 * rules report it at `medium` confidence at most.
 */
import { oneOf } from './words.js';

/** The word lists of one language; every entry is a literal or a short pattern, joined as an alternation. */
interface Words {
  /** A clause holding one of these forbids what it names: "しない", "禁止", "不要", "하지 마", "asla". */
  readonly not: readonly string[];
  /** Forbids only what comes before it in its clause: "`git clone` ではなく `ghq get` を使う". */
  readonly notThat: readonly string[];
  /** A human decides first: the sentence is a guardrail ("事前確認する", "onay iste"). */
  readonly askFirst: readonly string[];
  /** Without asking: a standing waiver of approval ("確認せず", "无需确认", "확인 없이", "sormadan"). */
  readonly withoutAsking: readonly string[];
  /** Asking itself forbidden, which waives approval for everything: "確認を求めない", "NO solicites confirmación". */
  readonly noAsk: readonly string[];
  /** By oneself: a waiver of the user's step for what the clause names ("自分で push する"), never of everything. */
  readonly yourself: readonly string[];
  /** Words that make a waiver cover all work ("すべて", "所有", "모든", "todo"); commands alone may be kept to a kind. */
  readonly everything: readonly string[];
  /** A condition: what the clause names is done only then ("未インストールの場合"). */
  readonly condition: readonly string[];
  /**
   * Before: ends a clause that a later step must come before ("答える前に", "답하기 전에", "推送之前"); that clause is
   * a condition, the clauses after it are the order. Only the languages that put it after the clause have it.
   */
  readonly before: readonly string[];
  /**
   * A condition that is the agent's own work reaching a point ("変更したら", "cuando termines"): when it happens,
   * not whether, so what the clause names is done every time.
   */
  readonly trigger: readonly string[];
  /** How a sentence that describes ends (a copula: "…である", "…이다"), where an order would end in a verb. */
  readonly describes: string;
  /** Always, every time, must: what the clause names is done unasked. */
  readonly always: readonly string[];
  /** Verbs that run or use a named command. */
  readonly run: readonly string[];
  /** Verbs that write, place or create something somewhere. */
  readonly write: readonly string[];
  readonly install: readonly string[];
  readonly missing: readonly string[];
  readonly web: readonly string[];
  readonly publish: readonly string[];
}

/** Words shared by every language: tool and command names written in English inside the text. */
const WEB_NAMES = [
  'web ?search',
  'websearch',
  'webfetch',
  'web_search',
  'web_fetch',
  'google',
  'context7',
  'deepwiki',
  'perplexity',
  'firecrawl',
  'tavily',
];
const PUBLISH_NAMES = ['push', 'deploy', 'publish', 'merge'];

const JAPANESE: Words = {
  not: ['ない', 'ません', 'せず', 'ずに', '禁止', '不可', '厳禁', 'するな', 'しないで', 'してはいけ', 'してはなら', 'ダメ', '駄目', 'NG'],
  notThat: ['ではなく', 'じゃなく', 'ではない'],
  askFirst: [
    '事前確認',
    'に確認',
    'に聞',
    '確認を取',
    '確認を求め',
    '確認してから',
    '承認を得',
    '承認を取',
    '許可を得',
    '許可を取',
    '相談',
    '指示があ',
    '依頼があ',
  ],
  withoutAsking: [
    '確認せず',
    '確認なし',
    '確認なく',
    '確認不要',
    '許可なく',
    '許可なし',
    '許可不要',
    '承認なし',
    '承認なく',
    '承認不要',
    '聞かずに',
    '無断で',
    // "ユーザーが別途依頼しなくても": even unasked.
    '(?:依頼|指示|要求)(?:が|し)?なくても',
    '(?:言われ|頼まれ)なくても',
  ],
  noAsk: ['(?:確認|許可|承認)(?:を)?(?:求め|取ら|得)(?:ない|ず)', '聞かない', '質問しない', '尋ねない'],
  // "自分で push する": by oneself, the way "yourself" waives the user's step.
  yourself: ['自分で', '自ら'],
  everything: ['すべて', '全て', '全部', 'あらゆる'],
  // "プッシュする前に": before pushing, the push is what a precondition waits for, not an order.
  condition: ['場合', 'とき', '時は', 'なら', 'たら', 'れば'],
  before: ['前に'],
  trigger: [
    '(?:変更|修正|完了|終了|編集|実装|更新|コミット|変化|改善|作業)[^、。]{0,8}?(?:し|行っ|終え|終わっ|済ん)(?:たら|た時|たとき)',
    '(?:終わっ|済ん)たら',
  ],
  describes: '(?:です|である|だ|されている|されます|になっている|となる|ている)',
  always: ['必ず', '常に', '毎回', '都度', '毎に', 'ごとに', '自動で', '自動的に'],
  run: ['実行', '使用', '使う', '使い', '使って', '叩', '走らせ', '利用'],
  write: [
    '実装',
    // "開発は `../app/` で行う": development is done there, which writes there.
    '開発',
    '配置',
    '作成',
    '保存',
    '書き込',
    '書き出',
    '書く',
    '更新',
    '編集',
    '変更',
    'コピー',
    '移動',
    'インストール',
    'クローン',
    '置く',
    '置い',
  ],
  install: ['インストール', '導入', '入れ'],
  missing: ['不足', '欠けて', '足りない'],
  web: ['web検索', 'ウェブ検索', 'ネット検索', 'インターネット検索', 'web 検索', 'ウェブで調べ', 'ネットで調べ'],
  publish: ['プッシュ', 'デプロイ', 'マージ', 'リリース', '公開'],
};

/** Chinese, simplified and traditional (Taiwan, Hong Kong): where the two write a word differently, both are listed. */
const CHINESE: Words = {
  // "无须执行 `git push`": no need to run it.
  not: [
    '不',
    '没',
    '沒',
    '别',
    '別',
    '禁止',
    '勿',
    '严禁',
    '嚴禁',
    '不得',
    '不能',
    '不可',
    '不要',
    '绝不',
    '絕不',
    '切勿',
    '无须',
    '無須',
    '无需',
    '無需',
    '不必',
    '不用',
  ],
  notThat: [],
  askFirst: [
    '(?:确认|確認)后',
    '(?:确认|確認)後',
    '先(?:确认|確認)',
    '事先(?:确认|確認)',
    '(?:征得|徵得)',
    '(?:请示|請示)',
    '批准(?:后|後)',
    '同意(?:后|後)',
    '(?:审批|審批)',
    // "必须先得到用户的明确确认", "事前取得確認": obtaining the user's confirmation (simplified and traditional).
    '(?:得到|获得|取得|獲得)[^，。；,;]{0,8}(?:确认|確認|同意|批准|许可|許可)',
    // "`git push` 需用户确认": needs the user's confirmation ("无需", "不需要": no need, are waivers, read first).
    '(?:需|需要|须|須|必须|必須)(?:用户|用戶|使用者|人工|人)?(?:确认|確認|同意|批准)',
  ],
  withoutAsking: [
    // "无需用户再次确认", "不需等待使用者說": the user's confirmation or word not waited for.
    '(?:无需|無需|无须|無須|不用|不必|不需要|不需)[^，。；,;]{0,8}(?:确认|確認|同意|批准|许可|許可)',
    '(?:无需|無需|不用)(?:询问|詢問)',
    '(?:无需|無需|无须|無須|不用|不必|不需要|不需)(?:等待|等)?[^，。；,;]{0,8}(?:再说|再說|说|說|要求|请求|請求|提醒)',
  ],
  noAsk: [
    // Asking itself: "无需确认" (no need to confirm) waives only for what the clause names.
    '(?:无须|无需|不用|不必|不需要|無須|無需|不需|毋须|毋須)[^，。；,;]{0,8}(?:询问|詢問|请示|請示)',
    '(?:不要|别|別|勿)[^，。；,;]{0,4}(?:询问|詢問|请求确认|請求確認|等待确认|等待確認|征求|徵求)',
  ],
  yourself: ['自行'],
  everything: ['所有', '一切', '任何', '全部'],
  condition: ['如果', '若', '的(?:话|話)', '(?:时候|時候)', '情况下', '情況下'],
  // "输出前先用": before outputting, first use; "`git push` 前必须确保", "每次 push 前同步": before a command or a word in
  // Latin letters, followed by what must be done first ("push 前几个 commit", "前一个 PR" are other words).
  before: [
    '之前',
    '以前',
    '前(?=先|首先)',
    '(?<=[`A-Za-z0-9] ?)前(?=\\s*(?:[，,、：:；;]|必须|必須|务必|務必|要|应|應|请|請|确保|確保|检查|檢查|运行|運行|执行|執行|跑|同步|完成|通过|通過|做|进行|進行|更新|测试|測試))',
  ],
  trigger: [],
  describes: '(?:的)',
  // First ("先用 context7 验证", "WebSearch 먼저"): a step taken before the work each time.
  always: [
    '(?:必须|必須)',
    '(?:总是|總是)',
    '每次',
    '(?:务必|務必)',
    '始终',
    '始終',
    '立即',
    '(?:自动|自動)',
    '首先',
    '(?:优先|優先)',
    '(?<![事原祖首优優])先(?![生前])',
  ],
  run: ['(?:运行|運行)', '(?:执行|執行)', '使用', '用', '跑', '(?:调用|調用)'],
  write: [
    '(?:开发|開發)',
    '(?:写入|寫入)',
    '(?:写到|寫到)',
    '保存',
    '(?:创建|創建|建立)',
    '放到',
    '放在',
    '(?:复制|複製)',
    '(?:移动|移動)',
    '(?:安装|安裝)',
    '(?:编辑|編輯)',
    '修改',
    '克隆',
  ],
  install: ['(?:安装|安裝)'],
  missing: ['缺少', '缺失'],
  web: [
    '(?:网络|網絡|网路|網路)(?:搜索|搜尋)',
    '(?:联网|聯網)(?:搜索|搜尋)',
    '(?:网上|網上)(?:搜索|搜尋)',
    '上(?:网|網)(?:搜索|搜尋)',
    '(?:网页|網頁)(?:搜索|搜尋)',
    '(?:搜索|搜尋)引擎',
  ],
  publish: ['推送', '部署', '(?:发布|發布|發佈)', '(?:合并|合併)', '上(?:线|線)'],
};

const KOREAN: Words = {
  not: ['않', '하지 마', '하지마', '말 것', '말것', '마세요', '금지', '안 됨', '안됨', '안 된', '안된', '못', '절대'],
  notThat: ['가 아니라', '이 아니라', '대신'],
  askFirst: ['확인', '승인', '허락', '허가', '물어', '문의'],
  withoutAsking: [
    '확인 없이',
    '확인없이',
    '묻지 않고',
    '승인 없이',
    '허락 없이',
    '허가 없이',
    '(?:승인|확인|허락|허가) 요청 없이',
    // "별도 요청이 없어도": even when not asked.
    '요청(?:이|을)? 없어도',
    '(?:요청하지|말하지) 않아도',
  ],
  noAsk: ['(?:승인|확인|허락|허가)(?:을|를)? ?(?:요청|요구)(?:하지 말|하지 않)', '묻지 말', '물어보지 말', '질문하지 말'],
  yourself: ['스스로'],
  everything: ['모든', '전부'],
  // "변경할 때마다" is every time, not a condition.
  condition: ['경우', '으면', '라면', '다면', '할 때(?!마다)', '때는'],
  before: ['전에'],
  trigger: [],
  describes: '(?:이다|입니다|됩니다|된다|있다|있습니다|한다고)',
  always: ['반드시', '항상', '매번', '꼭', '때마다', '모든', '먼저', '우선'],
  run: ['실행', '사용', '돌려', '돌리', '이용', '수행'],
  write: ['개발', '저장', '생성', '작성', '복사', '이동', '설치', '수정', '편집', '배치', '클론'],
  install: ['설치'],
  missing: ['누락', '부족', '없는'],
  web: ['웹 검색', '웹검색', '인터넷 검색', '온라인 검색'],
  publish: ['푸시', '배포', '머지', '병합', '릴리스', '릴리즈'],
};

const TURKISH: Words = {
  not: ['asla', 'yasak', 'yasaktır', 'hiçbir zaman', 'değil', 'etme', 'yapma', 'kurma', 'yükleme', 'indirme', 'kullanma', 'çalıştırma'],
  notThat: ['yerine'],
  askFirst: ['onay iste', 'onay al', 'izin iste', 'izin al', 'sor'],
  withoutAsking: ['sormadan', 'onay almadan', 'onay beklemeden', 'izin almadan', 'izin istemeden', 'beklemeden'],
  noAsk: ['onay isteme', 'izin isteme', 'onay bekleme', 'sorma'],
  yourself: ['kendin', 'kendi başına'],
  everything: ['tüm', 'bütün', 'her şey'],
  condition: ['eğer', 'ise', 'durumunda', 'halinde'],
  before: [],
  trigger: [],
  // Turkish ends orders and descriptions alike in suffixes ("yapılmalıdır" is an obligation): none is read as describing.
  describes: '(?!)',
  always: ['mutlaka', 'her zaman', 'daima', 'her seferinde'],
  run: ['çalıştır', 'kullan', 'yürüt'],
  write: ['yaz', 'kaydet', 'oluştur', 'kopyala', 'taşı', 'kur', 'düzenle', 'yerleştir'],
  install: ['kur', 'yükle', 'indir'],
  missing: ['eksik', 'olmayan', 'bulunmayan'],
  web: ['web araması', 'internette ara', 'internetten ara', 'webde ara'],
  publish: ['yayınla', 'dağıt'],
};

const FRENCH: Words = {
  not: ['ne', "n'", 'pas', 'jamais', 'interdit', 'interdite', 'aucun', 'aucune', 'évite', 'éviter'],
  notThat: [],
  askFirst: [
    "demande(?:r|z)? (?:la |une |l')?(?:permission|confirmation|autorisation|validation|accord)",
    'demande explicite',
    "avec (?:l'|une |la )?(?:accord|autorisation|validation|confirmation|approbation)",
    'après (?:validation|confirmation|approbation|accord)',
  ],
  withoutAsking: ['sans demander', 'sans confirmation', 'sans autorisation', 'sans validation', 'sans attendre', 'librement'],
  noAsk: ["ne (?:demande|demandez|sollicite|sollicitez) pas (?:de |la |d'|l')?(?:permission|confirmation|autorisation|validation|accord)"],
  yourself: ['toi-même', 'vous-même'],
  everything: ['tout', 'toutes', 'tous'],
  condition: ['si', "s'il", 'lorsque', 'quand', 'en cas de', 'au besoin'],
  before: [],
  trigger: ['(?:quand|lorsque) (?:tu |vous )?(?:as |avez )?(?:termin|fini|modifi)\\p{L}*'],
  describes: '(?!)',
  always: ['toujours', 'systématiquement', 'chaque fois', 'obligatoirement', 'automatiquement'],
  run: ['exécut', 'lance', 'utilis'],
  write: ['écri', 'enregistr', 'crée', 'créer', 'copie', 'copier', 'déplace', 'install', 'modifie', 'place'],
  install: ['install'],
  missing: ['manquant', 'manquants', 'manquante', 'manquantes', 'manque'],
  web: ['recherche web', 'recherche sur (?:le web|internet)', 'recherche en ligne', 'cherche sur (?:le web|internet)'],
  publish: ['publie', 'publier', 'déploie', 'déployer', 'fusionne', 'fusionner', 'pousse', 'pousser'],
};

const SPANISH: Words = {
  not: ['no', 'nunca', 'jamás', 'prohibido', 'prohibida', 'evita', 'evitar'],
  notThat: [],
  askFirst: [
    'pide (?:permiso|confirmación|aprobación|autorización)',
    'pedir (?:permiso|confirmación|aprobación|autorización)',
    'con (?:permiso|aprobación|autorización|confirmación)',
    'pregunta(?:r)? antes',
    'consulta(?:r)? antes',
  ],
  withoutAsking: ['sin preguntar', 'sin pedir', 'sin confirmación', 'sin permiso', 'sin aprobación', 'sin esperar', 'libremente'],
  noAsk: [
    'no (?:solicites|solicite|pidas|pida|preguntes|pregunte|esperes|espere)(?: por)? (?:la |una |tu |su )?(?:confirmación|permiso|aprobación|autorización|validación)',
    'no (?:es necesario|hace falta) (?:pedir|solicitar|preguntar)',
  ],
  yourself: ['tú mismo', 'por tu cuenta'],
  everything: ['todo', 'todos', 'todas', 'cualquier'],
  condition: ['si', 'cuando', 'en caso de'],
  before: [],
  trigger: ['cuando (?:termines|acabes|completes|finalices|modifiques|hagas cambios)'],
  describes: '(?!)',
  always: ['siempre', 'cada vez', 'obligatoriamente', 'automáticamente'],
  run: ['ejecut', 'usa', 'usar', 'utiliz', 'lanza', 'corre'],
  write: ['escrib', 'guarda', 'crea', 'copia', 'mueve', 'instala', 'modifica', 'coloca'],
  install: ['instal'],
  missing: ['falta', 'faltan', 'faltante', 'faltantes'],
  web: ['búsqueda web', 'búsqueda en internet', 'busca(?:r)? en (?:internet|la web)'],
  publish: ['publica', 'publicar', 'despliega', 'desplegar', 'fusiona', 'fusionar', 'sube'],
};

const GERMAN: Words = {
  not: ['nicht', 'nie', 'niemals', 'kein', 'keine', 'keinen', 'verboten', 'untersagt', 'vermeide'],
  notThat: [],
  askFirst: [
    'nach rückfrage',
    'mit freigabe',
    'nach freigabe',
    'vorher fragen',
    'frage vorher',
    'erst fragen',
    'genehmigung',
    'bestätigung einholen',
  ],
  withoutAsking: ['ohne rückfrage', 'ohne nachfrage', 'ohne zu fragen', 'ohne bestätigung', 'ohne freigabe', 'ohne erlaubnis'],
  noAsk: ['frag(?:e|en)? nicht (?:nach|um)', 'keine rückfragen', 'keine bestätigung (?:einholen|anfordern)'],
  yourself: ['selbstständig', 'selbständig', 'eigenständig'],
  everything: ['alle', 'alles', 'jede', 'jeden'],
  condition: ['wenn', 'falls', 'sofern', 'bei bedarf'],
  before: [],
  trigger: ['wenn (?:du )?(?:fertig|abgeschlossen|änderungen)'],
  describes: '(?!)',
  always: ['immer', 'stets', 'jedes mal', 'grundsätzlich', 'automatisch'],
  run: ['führe', 'ausführen', 'nutze', 'verwende', 'benutze', 'starte'],
  write: ['schreib', 'speicher', 'erstell', 'kopier', 'verschieb', 'installier', 'änder', 'leg'],
  install: ['installier'],
  missing: ['fehlend', 'fehlt', 'fehlen'],
  web: ['websuche', 'web-suche', 'internetsuche', 'im (?:internet|web) suchen', 'online recherchieren'],
  publish: ['veröffentlich', 'deploye', 'pushe'],
};

const PORTUGUESE: Words = {
  not: ['não', 'nunca', 'jamais', 'proibido', 'proibida', 'evite', 'evitar'],
  notThat: [],
  askFirst: [
    'peça (?:permissão|confirmação|aprovação|autorização)',
    'pedir (?:permissão|confirmação|aprovação|autorização)',
    'com (?:permissão|aprovação|autorização|confirmação)',
    'pergunt(?:e|ar) antes',
  ],
  withoutAsking: ['sem perguntar', 'sem pedir', 'sem confirmação', 'sem permissão', 'sem aprovação', 'sem esperar', 'livremente'],
  noAsk: [
    'não (?:peça|pergunte|solicite|espere)(?: por)? (?:a |uma |sua )?(?:confirmação|permissão|aprovação|autorização|validação)',
    // "Não peça \"posso rodar?\"": the question not to ask, quoted.
    'não (?:peça|pergunte)(?= ["“«])',
  ],
  yourself: ['você mesmo', 'por conta própria'],
  everything: ['tudo', 'todos', 'todas', 'qualquer'],
  condition: ['se', 'quando', 'caso'],
  before: [],
  trigger: ['quando (?:terminar|concluir|finalizar|modificar|fizer alterações)'],
  describes: '(?!)',
  always: ['sempre', 'toda vez', 'obrigatoriamente', 'automaticamente'],
  run: ['execut', 'use', 'usar', 'utiliz', 'rode', 'rodar'],
  write: ['escrev', 'salv', 'cria', 'crie', 'copi', 'mova', 'instal', 'modifi', 'coloqu'],
  install: ['instal'],
  missing: ['faltando', 'faltantes', 'que faltam', 'ausentes'],
  web: ['pesquisa (?:na )?web', 'busca na (?:web|internet)', 'pesquisa(?:r)? na internet', 'buscar na (?:web|internet)'],
  publish: ['publique', 'publicar', 'implante', 'implantar'],
};

const ITALIAN: Words = {
  not: ['non', 'mai', 'vietato', 'vietata', 'proibito', 'evita', 'evitare', 'nessun', 'nessuna'],
  notThat: ['invece di', 'anziché'],
  askFirst: [
    "chiedi(?:mi)? (?:il |la |l'|una )?(?:permesso|conferma|autorizzazione|approvazione)",
    "chiedere (?:il |la |l'|una )?(?:permesso|conferma|autorizzazione|approvazione)",
    "con (?:il |la |l')?(?:permesso|approvazione|autorizzazione|conferma)",
    "dopo (?:la |l')?(?:conferma|approvazione|autorizzazione)",
    'chiedi prima',
  ],
  withoutAsking: [
    'senza chiedere',
    'senza (?:la |alcuna )?conferma',
    'senza (?:il )?permesso',
    'senza autorizzazione',
    'senza approvazione',
    'senza aspettare',
    'liberamente',
  ],
  noAsk: ["non (?:chiedere|chiedermi|domandare|aspettare)(?: la| il| l'| una| alcuna)? (?:conferma|permesso|autorizzazione|approvazione)"],
  yourself: ['da solo', 'in autonomia', 'autonomamente'],
  everything: ['tutto', 'tutti', 'tutte', 'qualsiasi', 'ogni'],
  condition: ['se', 'quando', 'in caso di', 'qualora'],
  before: [],
  trigger: ['quando (?:hai |avrai )?(?:finito|terminato|completato|modificato)'],
  describes: '(?!)',
  always: ['sempre', 'ogni volta', 'obbligatoriamente', 'automaticamente', 'subito', 'immediatamente'],
  run: ['esegu', 'usa', 'usare', 'utilizz', 'lancia', 'avvia'],
  write: ['scriv', 'salva', 'crea', 'copia', 'sposta', 'install', 'modifica', 'metti'],
  install: ['install'],
  missing: ['mancante', 'mancanti', 'manca', 'mancano'],
  web: ['ricerca web', 'ricerca (?:su|in) internet', 'cerca(?:re)? (?:su|in) (?:internet|rete)', 'ricerca online'],
  publish: ['pubblica', 'pubblicare', 'rilascia', 'rilasciare', 'distribuisci'],
};

/** Polish: verbs inflect, so run, write and install are stems; the rest are whole words. */
const POLISH: Words = {
  not: ['nie', 'nigdy', 'zakaz', 'zabronione', 'zabroniony', 'zabronione jest', 'unikaj'],
  notThat: ['zamiast'],
  askFirst: [
    'zapytaj',
    'zapytać',
    'poproś o (?:zgodę|potwierdzenie|akceptację|zatwierdzenie|pozwolenie)',
    'za zgodą',
    'po (?:zatwierdzeniu|akceptacji|potwierdzeniu)',
    'z potwierdzeniem',
  ],
  withoutAsking: [
    'bez pytania',
    'bez pytań',
    'bez potwierdzenia',
    'bez zgody',
    'bez akceptacji',
    'bez zatwierdzenia',
    'bez czekania',
    'nie pytając',
    'nie czekając',
  ],
  noAsk: ['nie (?:pytaj|proś|czekaj)(?: o)? (?:zgodę|potwierdzenie|akceptację|pozwolenie|zatwierdzenie)'],
  yourself: ['samodzielnie'],
  everything: ['wszystko', 'wszystkie', 'każdy', 'każde', 'dowolne'],
  condition: ['jeśli', 'jeżeli', 'gdy', 'kiedy', 'w razie', 'w przypadku'],
  before: [],
  trigger: ['(?:gdy|kiedy) (?:skończysz|zakończysz|wprowadzisz zmiany)'],
  describes: '(?!)',
  always: ['zawsze', 'za każdym razem', 'obowiązkowo', 'automatycznie', 'od razu', 'natychmiast'],
  run: ['uruchom', 'wykonaj', 'wykonuj', 'użyj', 'używaj'],
  write: ['zapisz', 'zapisuj', 'utwórz', 'stwórz', 'skopiuj', 'przenieś', 'zainstaluj', 'zmień', 'edytuj'],
  install: ['zainstaluj', 'instaluj', 'doinstaluj'],
  missing: ['brakujące', 'brakujący', 'brakujących', 'brakuje'],
  web: ['wyszukiwarki', 'wyszukaj w (?:internecie|sieci)', 'szukaj w (?:internecie|sieci)', 'w internecie'],
  publish: ['opublikuj', 'publikuj', 'wdróż', 'wdrażaj', 'wypchnij', 'zmerguj', 'scal'],
};

/** Russian: verbs and nouns are matched by their stems ("пуш" in "запушен", "пушить"), as the words inflect. */
const RUSSIAN: Words = {
  not: ['не', 'нельзя', 'никогда', 'запрещено', 'запрещается', 'запрет', 'ни в коем случае', 'избегай', 'избегать'],
  notThat: ['а не', 'вместо'],
  askFirst: [
    'с разрешения',
    'с согласия',
    'после подтверждения',
    'после одобрения',
    'после согласования',
    'спроси',
    'спросить у',
    'уточни',
    'уточнить у',
    'согласуй',
    'согласовать',
    'запроси подтверждение',
    'получи подтверждение',
    'по запросу',
    'по команде',
  ],
  withoutAsking: [
    'не нужно спрашивать',
    'не спрашивать',
    'не надо спрашивать',
    'не спрашивай',
    'не спрашивая',
    'без подтверждения',
    'без спроса',
    'без разрешения',
    'без согласования',
    'без вопросов',
  ],
  noAsk: ['не (?:проси|запрашивай|жди) (?:подтвержд|разрешени|одобрени)'],
  yourself: ['самостоятельно', 'сам', 'сама'],
  everything: ['все', 'всё', 'любые', 'любых'],
  condition: ['если', 'когда', 'в случае', 'при необходимости', 'по необходимости', 'перед'],
  before: [],
  trigger: ['когда (?:закончишь|завершишь|закончите|завершите|внесёшь изменения|внесешь изменения)'],
  describes: '(?!)',
  always: ['всегда', 'обязательно', 'каждый раз', 'после каждого', 'после каждой', 'после любого', 'после любой', 'сразу', 'автоматически'],
  run: ['запуска', 'запусти', 'запустить', 'выполн', 'используй', 'использова', 'вызыва', 'вызови', 'делать', 'делай', 'сделай'],
  write: ['запиш', 'записыва', 'сохран', 'созда', 'копир', 'перемест', 'установ', 'измен', 'редактир', 'клонир', 'обнов'],
  install: ['установ', 'инсталл'],
  missing: ['недостающ', 'отсутствующ', 'отсутству'],
  web: ['поиск в интернете', 'поиском в интернете', 'веб-поиск', 'веб поиск', 'в интернете', 'в сети интернет'],
  publish: [
    'пуш',
    'запуш',
    'деплой',
    'деплои',
    'деплоя',
    'задеплой',
    'публику',
    'опубликуй',
    'опубликова',
    'разверн',
    'развёрт',
    'разверт',
    'выкат',
    'мерж',
    'смерж',
    'влей',
    'влить',
  ],
};

/** A language's lists as patterns, built once. */
interface Language {
  readonly name: string;
  /** Folds letter case the way the language does (Turkish "KENDİN" is "kendin"), keeping every offset. */
  readonly fold: (text: string) => string;
  readonly not: RegExp;
  readonly notThat: RegExp | undefined;
  readonly askFirst: RegExp;
  /** A waiver of either kind: without asking, or asking forbidden. */
  readonly withoutAsking: RegExp;
  /** A waiver that is not "by oneself": without asking, or asking forbidden. */
  readonly general: RegExp;
  readonly noAsk: RegExp;
  readonly everything: RegExp;
  readonly condition: RegExp;
  readonly trigger: RegExp | undefined;
  readonly before: RegExp | undefined;
  readonly describes: RegExp;
  readonly always: RegExp;
  readonly run: RegExp;
  readonly write: RegExp;
  readonly install: RegExp;
  readonly missing: RegExp;
  readonly web: RegExp;
  readonly publish: RegExp;
}

/** Languages with spaces between words take whole words; the others are matched anywhere. */
function build(name: string, words: Words, spaced: boolean): Language {
  const re = (list: readonly string[]): RegExp => new RegExp(spaced ? `(?<![\\p{L}])${oneOf(list)}(?![\\p{L}])` : oneOf(list), 'iu');
  // Turkish suffixes follow the stem ("kurun", "kullanın"): verbs match at the start of a word.
  const stem = (list: readonly string[]): RegExp => new RegExp(spaced ? `(?<![\\p{L}])${oneOf(list)}` : oneOf(list), 'iu');
  return {
    name,
    fold: name === 'Turkish' ? (text) => text.replace(/[İI]/g, (c) => (c === 'I' ? 'ı' : 'i')) : (text) => text,
    not: re(words.not),
    notThat: words.notThat.length > 0 ? re(words.notThat) : undefined,
    askFirst: re(words.askFirst),
    withoutAsking: re([...words.withoutAsking, ...words.noAsk, ...words.yourself]),
    general: re([...words.withoutAsking, ...words.noAsk]),
    noAsk: re(words.noAsk),
    everything: re(words.everything),
    condition: re(words.condition),
    trigger: words.trigger.length > 0 ? new RegExp(re(words.trigger).source, 'giu') : undefined,
    before: words.before.length > 0 ? new RegExp(oneOf(words.before), 'giu') : undefined,
    describes: new RegExp(`${words.describes}[\\s.。!！]*$`, 'u'),
    always: re(words.always),
    run: stem(words.run),
    write: stem(words.write),
    install: stem(words.install),
    missing: re(words.missing),
    web: new RegExp(`${oneOf(words.web)}|\\b${oneOf(WEB_NAMES)}\\b`, 'iu'),
    // A publishing word in Latin letters ("force-push" too), not the name of a hook run around it ("pre-push", "post-merge").
    publish: new RegExp(`${oneOf(words.publish)}|\\b(?<!\\b(?:pre|post)-)${oneOf(PUBLISH_NAMES)}\\b`, 'iu'),
  };
}

const LANGUAGES = {
  ja: build('Japanese', JAPANESE, false),
  zh: build('Chinese', CHINESE, false),
  ko: build('Korean', KOREAN, false),
  tr: build('Turkish', TURKISH, true),
  ru: build('Russian', RUSSIAN, true),
};

/**
 * Latin-script languages told apart by their most frequent short words (none of them English words) and the
 * words spelt as only they spell them (Spanish "ñ", "-ción"; Portuguese "ã", "-ção"; Polish "ą", "ł"); a sentence is
 * read in one when one of its short words at least is there and, with its spellings, they outnumber the English words.
 */
const BY_COMMON_WORDS: readonly [Language, RegExp, RegExp?][] = [
  [
    build('French', FRENCH, true),
    /(?<![\p{L}])(?:le|les|des|du|une|et|est|pour|avec|sans|jamais|toujours|vous|ne|pas|dans|sur|au|aux|avant|après|les|ce|cette|n'|l'|d')(?![\p{L}])/giu,
  ],
  [
    build('Spanish', SPANISH, true),
    /(?<![\p{L}])(?:el|los|las|del|una|es|para|con|sin|nunca|siempre|antes|después|cuando|y|tu|tus)(?![\p{L}])/giu,
    /(?<![\p{L}])[\p{L}]*ñ[\p{L}]*|[¿¡]|ción(?![\p{L}])/giu,
  ],
  [
    build('German', GERMAN, true),
    /(?<![\p{L}])(?:der|die|das|den|dem|und|oder|ist|für|mit|ohne|nie|niemals|immer|nicht|kein|keine|vor|nach|wenn|du|sie)(?![\p{L}])/giu,
  ],
  [
    build('Italian', ITALIAN, true),
    /(?<![\p{L}])(?:il|lo|la|le|gli|di|della|delle|degli|dello|nel|nella|nei|alla|alle|per|che|è|sono|questo|questa|senza|mai|sempre|prima|dopo|devi|esegui|non|ogni|anche|oppure)(?![\p{L}])/giu,
  ],
  [
    build('Polish', POLISH, true),
    /(?<![\p{L}])(?:nie|jest|się|zawsze|nigdy|bez|przed|po|gdy|jeśli|oraz|lub|dla|że|czy|tylko|przez|przy|jako)(?![\p{L}])/giu,
    /(?<![\p{L}])[\p{L}]*[ąęłńśźż][\p{L}]*/giu,
  ],
  [
    build('Portuguese', PORTUGUESE, true),
    // Also as written without diacritics ("voce", "nao", "apos"), as developers often type it.
    /(?<![\p{L}])(?:os|do|da|dos|das|uma|é|para|com|sem|nunca|sempre|não|antes|depois|quando|você|seu|sua|após|neste|nesta|pelo|pela|também|voce|nao|apos|tambem|sao|entao|fazer)(?![\p{L}])/giu,
    /(?<![\p{L}])[\p{L}]*[ãõ][\p{L}]*/giu,
  ],
];
/** English function words and the verbs of an order: the more of them, the more words of another language it takes. */
const ENGLISH_WORDS =
  /\b(?:the|and|or|to|of|is|are|for|with|without|never|always|you|your|do|not|before|after|this|that|it|on|in|be|when|then|from|every|each|should|must|will|can|all|any|only|run|make|into|them|they|their|there|these|those|which|what|where|by|at|if)\b/gi;

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Words with a letter only Turkish (among the languages read here) writes: dotless ı, dotted İ, ş, ğ. */
// From a word's start only: a word is scanned once, not from each of its letters.
const TURKISH_WORDS = /(?<![\p{L}])[\p{L}]*[ıİşŞğĞ][\p{L}]*/gu;
const TURKISH_COMMON =
  /(?<![\p{L}])(?:ve|bir|bu|için|ile|değil|asla|önce|sonra|her|olarak|daha|çok|gibi|kendin|kendi|sor|sormadan|mutlaka|eğer|ise|yerine|hiçbir|zaman|lütfen|tüm|bütün|eksik|sorma|etme|yapma|kurma|beklemeden|bitince|doğrudan|ama|veya|de|da|ki)(?![\p{L}])/iu;

/**
 * The language a sentence is written in, when it is one of those read here. `english` says whether most of its
 * letters are Latin: a sentence mostly in English with a word of Japanese in it is read as English.
 */
export function languageOf(sentence: string, english: boolean): Language | undefined {
  if (!english) {
    if (KANA.test(sentence)) return LANGUAGES.ja;
    if (HANGUL.test(sentence)) return LANGUAGES.ko;
    if (HAN.test(sentence)) return LANGUAGES.zh;
    if (CYRILLIC.test(sentence)) return LANGUAGES.ru;
    return undefined;
  }
  // Code and HTML comments (which a rendered page hides) say nothing of the language the sentence is written in.
  const prose = sentence.replace(/`[^`]*`/g, ' ').replace(/<!--[^]*?(?:-->|$)/g, ' ');
  // Turkish by its letters, with one of its short words or three words spelt so: a name ("Şahin") is not enough.
  const turkish = prose.match(TURKISH_WORDS)?.length ?? 0;
  if (turkish > 0 && (TURKISH_COMMON.test(prose) || turkish >= 3)) return LANGUAGES.tr;
  let best: Language | undefined;
  let most = Math.max(1, prose.match(ENGLISH_WORDS)?.length ?? 0);
  for (const [language, common, spelling] of BY_COMMON_WORDS) {
    // One of the language's own short words at least: a name with a letter of its alphabet ("Łódź") is not enough.
    const words = prose.match(common)?.length ?? 0;
    if (words === 0) continue;
    const count = words + (spelling ? (prose.match(spelling)?.length ?? 0) : 0);
    if (count > most) {
      best = language;
      most = count;
    }
  }
  return best;
}

export type { Language };

/** What a clause in another language may name. */
export type ForeignName = 'web' | 'install' | 'missing' | 'write' | 'publish' | 'run';
const NAMES: readonly ForeignName[] = ['web', 'install', 'missing', 'write', 'publish', 'run'];

/** The names a clause's words (inline code left out) hold. */
export function namesIn(prose: string, language: Language): Set<ForeignName> {
  const folded = language.fold(prose);
  return new Set(NAMES.filter((name) => language[name].test(folded)));
}

/** Whether a sentence hands the decision to a human; a waiver ("確認せず") is not read as asking. */
export const asksFirstIn = (sentence: string, language: Language): boolean =>
  language.askFirst.test(language.fold(sentence).replace(new RegExp(language.withoutAsking.source, 'giu'), ' '));

/** Whether a clause's words say to act without asking, or always. */
export const saysUnasked = (prose: string, language: Language): boolean => {
  const folded = language.fold(prose);
  return language.withoutAsking.test(folded) || language.always.test(folded);
};

/**
 * How a clause's words waive approval: for all work (`all`: asking forbidden, "NO solicites confirmación", or everything
 * done without asking, "모든 작업을 승인 요청 없이"), for what the clause names (`some`), or not at all. Doing a thing
 * "by oneself" is no waiver here: it waives only the user's step for that thing.
 */
export function waiverIn(prose: string, language: Language): 'all' | 'some' | undefined {
  const folded = language.fold(prose);
  if (!language.general.test(folded)) return undefined;
  return language.noAsk.test(folded) || language.everything.test(folded) ? 'all' : 'some';
}

/**
 * Where the first condition of a sentence (inline code blanked out) ends, or Infinity: a trigger ("変更したら",
 * "cuando termines") is no condition.
 */
export function conditionEndIn(blanked: string, language: Language): number {
  let folded = language.fold(blanked);
  // The triggers are blanked out first (offsets kept), so one scan finds the first condition outside them.
  if (language.trigger) folded = folded.replace(language.trigger, (t) => ' '.repeat(t.length));
  const m = language.condition.exec(folded);
  return m === null ? Infinity : m.index + m[0].length;
}

/** A clause of a sentence in another language: its text, where it starts, and whether it forbids. */
export interface ForeignClause {
  text: string;
  start: number;
  /** The clause forbids what it names. */
  negated: boolean;
  /** Inline code before this index is negated by a "not that" ("`a` ではなく `b`"). */
  notBefore: number;
  /** The clause ends in "before" ("答える前に"): what it names is what the order comes before, not the order. */
  before: boolean;
}

/** The text with a match blanked out, offsets kept. */
const blank = (text: string, m: RegExpExecArray | null): string =>
  m ? text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length) : text;

/** Clause boundaries of every script: CJK and ASCII punctuation, arrows and dashes between spaces, outside inline code. */
const BOUNDARY = /[、，,;；:：()（）「」。！？!?→]|\s[-–—]\s/g;

export function foreignClauses(sentence: string, language: Language): ForeignClause[] {
  const out: ForeignClause[] = [];
  // Boundaries inside inline code are no boundaries: blank the code out, keeping offsets.
  const blanked = sentence.replace(/`[^`]*`/g, (code) => '`'.padEnd(code.length - 1, 'x') + '`');
  let start = 0;
  const push = (end: number, before = false): void => {
    const text = sentence.slice(start, end);
    if (text.trim() === '') return;
    const prose = language.fold(blanked.slice(start, end));
    // Negation words are looked for outside inline code ("`docker` を使わない" negates, "`no-verify`" does not).
    // Japanese, Korean and Turkish put the verb and its negation last, Chinese may put the object first ("`x` 不要用"):
    // a negation anywhere forbids the clause.
    const that = language.notThat?.exec(prose);
    // Neither a "not that" ("ではなく" holds "ない") nor a waiver ("確認せず") negates the clause.
    const rest = blank(blank(prose, that ?? null), language.withoutAsking.exec(prose));
    out.push({ text, start, negated: language.not.test(rest), notBefore: that ? that.index : 0, before });
  };
  const cuts = [...blanked.matchAll(BOUNDARY)].map((m) => ({ at: m.index, end: m.index + m[0].length, before: false }));
  if (language.before)
    for (const m of language.fold(blanked).matchAll(language.before))
      cuts.push({ at: m.index + m[0].length, end: m.index + m[0].length, before: true });
  // A "before" cut and punctuation at one place ("前に、"): the "before" cut first, so its clause keeps the mark.
  cuts.sort((a, b) => a.at - b.at || Number(b.before) - Number(a.before));
  for (const cut of cuts) {
    if (cut.at < start) continue;
    push(cut.at, cut.before);
    start = cut.end;
  }
  push(sentence.length);
  return out;
}
