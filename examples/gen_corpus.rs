#![allow(dead_code)]
//! Deterministic, seeded generator of a synthetic speech corpus, for
//! benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 1000 --out /tmp/corpus [--seed 42]
//! ```
//!
//! Every document has the shape of a real district speech or work report: a
//! title line (and often a subtitle, a speaker and a salutation), an outline
//! (一、/（一）/1、 or 第X个问题 / 第X句话), enumerations (一要…二要…, 一是…二是…),
//! quoted numbered slogans (“六稳”, “三新三强”) with their members, named
//! projects (…产业园, …工程), districts and streets, sectors, organizations
//! and figures (地区生产总值增长6%左右, 新签约亿元以上项目至少80个, 12.5亿元).
//! Sentences are assembled from the fixed word lists below with a seeded
//! xorshift generator: the same `--seed` and `--docs` give byte-identical
//! files. No sentence is taken from any real speech.
//!
//! Sizes run from 5 to 60 KB (UTF-8), most around 30 KB. About 10% of the
//! documents are written in GBK, 5% in traditional characters, 10% as PDF
//! text (one line, a space every ~26 characters), 15% carry web leftovers
//! (发布时间, 文件大小, 点击下载 lines), and a few use full-width digits or CRLF.
//!
//! Files are named `doc_00001.txt`, 1000 to a folder (`000/`, `001/`, …).
//! The module is also included by `examples/bench.rs` and
//! `benches/extract.rs`, which call [`World::new`] and [`generate`].

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped when the output for a given seed changes; written to the marker file.
pub const GENERATOR_VERSION: u32 = 1;
/// Name of the marker file written at the top of a generated corpus.
pub const MARKER: &str = "corpus.info";
/// Seed used when none is given.
pub const DEFAULT_SEED: u64 = 20210114;

// ---------------------------------------------------------------- PRNG ----

/// xorshift64* seeded through splitmix64.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Index in 0..n skewed towards 0 (a few names recur in many speeches).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// A float in lo..hi rounded to one decimal.
    pub fn decimal(&mut self, lo: f64, hi: f64) -> f64 {
        ((lo + self.unit() * (hi - lo)) * 10.0).round() / 10.0
    }
}

// ---------------------------------------------------------- word lists ----

const PLACE_FIRST: &[&str] = &[
    "临", "青", "桃", "东", "西", "南", "北", "滨", "金", "银", "龙", "凤", "云", "松", "柳", "梅",
    "兰", "竹", "清", "安", "宁", "永", "丰", "泰", "华", "明", "光", "阳", "溪", "翠", "碧", "白",
    "黄", "红", "紫", "玉", "石", "岚", "鹤", "雁", "枫", "榆", "杨", "槐", "桂", "荷", "菱", "芦",
];
const PLACE_SECOND: &[&str] = &[
    "江", "山", "源", "湖", "河", "川", "峰", "岭", "岗", "坪", "塘", "湾", "港", "桥", "林", "台",
    "州", "泉", "洲", "坝", "浦", "堤", "亭", "庄", "岩", "谷", "溪", "滩", "渡", "屯", "原", "坡",
];
const CITY_SUFFIX: &str = "市";
const DISTRICT_SUFFIXES: &[&str] = &["区", "区", "区", "县"];
const STREET_SUFFIXES: &[&str] = &["街道", "街道", "镇", "乡"];
const PROJECT_THEMES: &[&str] = &[
    "智慧物流",
    "新材料",
    "生物医药",
    "数字经济",
    "文化旅游",
    "生态修复",
    "高端装备",
    "新能源汽车",
    "跨境电商",
    "冷链物流",
    "电子信息",
    "现代农业",
    "健康养老",
    "智能制造",
    "节能环保",
    "总部经济",
    "科技创新",
    "食品加工",
    "轨道交通",
    "污水处理",
    "棚户区改造",
    "老旧小区改造",
    "综合管廊",
    "湿地公园",
    "滨水景观",
    "商贸物流",
    "人工智能",
    "集成电路",
    "光电产业",
    "医疗器械",
];
const PROJECT_SUFFIXES: &[&str] = &[
    "产业园",
    "产业园",
    "工程",
    "工程",
    "项目",
    "小镇",
    "产业基地",
    "综合体",
    "科技园",
    "物流园",
    "示范基地",
    "商业街",
    "新城",
    "创业园",
];
const SECTORS: &[&str] = &[
    "先进制造业",
    "现代服务业",
    "数字经济",
    "文化旅游业",
    "现代农业",
    "生物医药产业",
    "新材料产业",
    "新能源汽车产业",
    "电子信息产业",
    "跨境电商",
    "现代物流业",
    "金融服务业",
    "健康养老产业",
    "节能环保产业",
    "高端装备制造",
    "人工智能产业",
    "集成电路产业",
    "会展经济",
    "楼宇经济",
    "商贸流通业",
    "软件和信息服务业",
    "都市农业",
    "康养产业",
    "夜间经济",
    "乡村旅游业",
];
const ORGS: &[&str] = &[
    "区委",
    "区政府",
    "区人大常委会",
    "区政协",
    "区纪委监委",
    "区发展改革委",
    "区财政局",
    "区商务局",
    "区科技局",
    "区住建局",
    "区生态环境局",
    "区市场监管局",
    "区人社局",
    "区教育局",
    "区卫健委",
    "区农业农村局",
    "区城管局",
    "区应急管理局",
    "区国资委",
    "区投资促进中心",
    "区委组织部",
    "区委宣传部",
    "市委",
    "市政府",
    "国家开发银行",
    "区税务局",
];
const GOALS: &[&str] = &[
    "高质量发展",
    "乡村振兴",
    "共同富裕",
    "新型城镇化",
    "生态文明建设",
    "区域协调发展",
    "创新驱动发展",
    "新发展格局",
    "现代化经济体系",
    "强区富民",
    "城乡一体化",
    "绿色发展",
];
const VERBS: &[&str] = &[
    "加快推进",
    "全力抓好",
    "持续深化",
    "大力实施",
    "着力提升",
    "坚决打好",
    "扎实推进",
    "统筹推进",
    "积极培育",
    "不断完善",
    "深入开展",
    "全面加强",
    "切实做好",
    "稳步推进",
    "认真落实",
    "大力推动",
];
const OBJECTS: &[&str] = &[
    "项目建设",
    "招商引资",
    "营商环境优化",
    "产业转型升级",
    "城市精细化管理",
    "农村人居环境整治",
    "生态环境保护",
    "民生保障",
    "基层社会治理",
    "安全生产",
    "科技创新",
    "国资国企改革",
    "开放合作",
    "人才引进",
    "基础设施建设",
    "老旧小区改造",
    "污染防治",
    "就业创业",
    "教育医疗",
    "养老服务",
    "防范化解重大风险",
    "财源建设",
    "数字政府建设",
    "文明城市创建",
    "河湖长制",
    "要素保障",
];
const FILLERS: &[&str] = &[
    "坚持稳中求进工作总基调",
    "完整准确全面贯彻新发展理念",
    "紧扣市委、市政府决策部署",
    "坚持以人民为中心的发展思想",
    "统筹发展和安全",
    "坚持问题导向和目标导向",
    "进一步解放思想、真抓实干",
    "切实增强责任感和紧迫感",
    "以钉钉子精神抓好落实",
    "形成上下联动、齐抓共管的工作格局",
    "把握好时度效",
    "既要立足当前，又要着眼长远",
    "敢于担当、善于作为",
    "把各项工作抓细抓实",
    "以更大力度补齐短板",
    "坚持一张蓝图绘到底",
    "推动各项政策落地见效",
    "让群众有更多获得感",
    "压实各级各部门责任",
    "做到守土有责、守土尽责",
    "确保各项目标任务圆满完成",
    "不断提升干部队伍能力水平",
    "持续改进工作作风",
    "努力在新的起点上实现新突破",
    "营造比学赶超的浓厚氛围",
    "以点带面、整体推进",
    "把握发展规律和阶段特征",
    "用好用足各项支持政策",
];
const DETAILS: &[&str] = &[
    "引进一批带动力强的龙头企业",
    "培育一批专精特新企业",
    "建立重点项目领导包联制度",
    "实行周调度、月通报",
    "完善要素保障机制",
    "推行审批事项一网通办",
    "开展精准招商和以商招商",
    "加快补齐公共服务短板",
    "推动产业链上下游协同",
    "强化财政金融联动",
    "打通政策落实的最后一公里",
    "健全考核评价体系",
    "深化放管服改革",
    "抓好存量土地盘活",
    "推进城乡基础设施互联互通",
];
const TOPICS: &[&str] = &[
    "关于当前经济形势",
    "关于今年的重点工作",
    "关于项目建设",
    "关于招商引资",
    "关于优化营商环境",
    "关于作风建设",
    "关于城市管理",
    "关于民生保障",
    "关于安全稳定",
];
const MEETINGS: &[&str] = &[
    "区委经济工作会议",
    "全区优化营商环境大会",
    "区委全会",
    "全区项目建设推进会",
    "全区招商引资工作会议",
    "全区干部大会",
    "区委理论学习中心组学习会",
    "全区重点工作推进会",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
];
const GIVEN: &[&str] = &[
    "明远", "建国", "志强", "海涛", "晓东", "丽华", "春生", "国庆", "文斌", "立新", "红梅", "永刚",
    "振华", "德胜", "玉兰", "金龙",
];
const CN_DIGITS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const SLOGAN_PATTERNS: &[(&str, &[&str])] = &[
    ("个聚焦", &["聚焦"]),
    ("个坚持", &["坚持"]),
    ("大攻坚行动", &["攻坚"]),
    ("项重点工作", &["抓好"]),
    ("个更加", &["更加注重"]),
    ("条新路", &["走好"]),
];
const FIXED_SLOGANS: &[(&str, &[&str])] = &[
    (
        "“六稳”",
        &["稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"],
    ),
    (
        "“六保”",
        &[
            "保居民就业",
            "保基本民生",
            "保市场主体",
            "保粮食能源安全",
            "保产业链供应链稳定",
            "保基层运转",
        ],
    ),
    (
        "“三新三强”",
        &["新动能", "新业态", "新格局", "强产业", "强城市", "强治理"],
    ),
    ("“两个确保”", &["确保经济平稳运行", "确保社会大局稳定"]),
];

/// Simplified → traditional pairs for the characters used above (one char each).
const TRAD_PAIRS: &str = "区區发發经經济濟质質业業产產设設项項园園务務议議会會长長进進动動实實现現开開级級们們这這为為对對时時国國说說过過还還后後来來当當门門问問题題间間关關气氣学學书書总總统統结結构構场場农農乡鄉镇鎮党黨领領导導组組织織员員计計划劃标標营營环環态態绿綠电電车車馆館医醫疗療卫衛养養险險资資银銀贸貿华華东東龙龍云雲凤鳳丰豐兰蘭宁寧阳陽桥橋湾灣岭嶺岗崗万萬亿億个個两兩优優创創数數据據网網络絡线線热熱点點扩擴转轉变變报報边邊种種范範围圍体體规規则則责責维維护護稳穩节節约約协協调調认認识識观觀让讓给給应應该該际際续續历歷将將从從与與并並坚堅决決战戰胜勝压壓难難类類链鏈伟偉杂雜轻輕运運输輸铁鐵机機办辦处處众眾帮幫贫貧兴興厂廠单單讲講话話谈談游遊艺藝术術图圖诚誠纪紀监監审審执執罚罰灾災预預备備储儲粮糧价價宽寬带帶汇匯确確积積极極扬揚块塊层層树樹筑築楼樓顿頓广廣庄莊滨濱泽澤润潤涛濤湿濕废廢钢鋼织織纤纖装裝试試验驗检檢测測闻聞访訪岁歲亲親尽盡们們财財税稅务務";

// --------------------------------------------------------------- world ----

/// A numbered slogan and its members.
#[derive(Clone, Debug)]
pub struct Slogan {
    pub name: String,
    pub members: Vec<String>,
}

/// A district with its streets and projects.
#[derive(Clone, Debug)]
pub struct District {
    pub name: String,
    pub city: String,
    pub streets: Vec<String>,
    pub projects: Vec<String>,
}

/// Names shared by all documents of a corpus, so that the graph merges them.
#[derive(Clone, Debug)]
pub struct World {
    pub seed: u64,
    pub cities: Vec<String>,
    pub districts: Vec<District>,
    pub slogans: Vec<Slogan>,
}

impl World {
    pub fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed ^ 0x5EE_D0F3_011D);
        let mut used = std::collections::HashSet::new();
        let mut stem = |rng: &mut Rng| loop {
            let s = format!("{}{}", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND));
            if used.insert(s.clone()) {
                return s;
            }
        };
        let cities: Vec<String> = (0..8)
            .map(|_| format!("{}{}", stem(&mut rng), CITY_SUFFIX))
            .collect();
        let mut districts = Vec::new();
        for i in 0..64 {
            let name = format!("{}{}", stem(&mut rng), rng.pick(DISTRICT_SUFFIXES));
            let streets = (0..rng.range(5, 10))
                .map(|_| format!("{}{}", stem(&mut rng), rng.pick(STREET_SUFFIXES)))
                .collect::<Vec<_>>();
            let district_stem: String = name.chars().take(2).collect();
            let mut projects = Vec::new();
            let mut seen = std::collections::HashSet::new();
            while projects.len() < 24 {
                let place = match rng.below(3) {
                    0 => district_stem.clone(),
                    1 => rng.pick(&streets).chars().take(2).collect(),
                    _ => stem(&mut rng),
                };
                let p = format!(
                    "{}{}{}",
                    place,
                    rng.pick(PROJECT_THEMES),
                    rng.pick(PROJECT_SUFFIXES)
                );
                if seen.insert(p.clone()) {
                    projects.push(p);
                }
            }
            districts.push(District {
                name,
                city: cities[i % cities.len()].clone(),
                streets,
                projects,
            });
        }
        let mut slogans: Vec<Slogan> = FIXED_SLOGANS
            .iter()
            .map(|(n, m)| Slogan {
                name: n.to_string(),
                members: m.iter().map(|s| s.to_string()).collect(),
            })
            .collect();
        for _ in 0..40 {
            let (tail, lead) = rng.pick(SLOGAN_PATTERNS);
            let n = rng.range(2, 6);
            let name = format!("“{}{}”", CN_DIGITS[n - 1], tail);
            if slogans.iter().any(|s| s.name == name) {
                continue;
            }
            let mut members = Vec::new();
            let mut tries = 0;
            while members.len() < n && tries < 50 {
                tries += 1;
                let object = if rng.chance(0.5) {
                    rng.pick(OBJECTS).to_string()
                } else {
                    rng.pick(SECTORS).to_string()
                };
                let m = format!("{}{}", rng.pick(lead), object);
                if !members.contains(&m) {
                    members.push(m);
                }
            }
            slogans.push(Slogan { name, members });
        }
        World {
            seed,
            cities,
            districts,
            slogans,
        }
    }
}

// ------------------------------------------------------------ variants ----

/// How a document is written to disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
}

/// One generated document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// 1-based index in the corpus.
    pub index: usize,
    /// The text (after the traditional / PDF / web variants are applied).
    pub text: String,
    pub encoding: Encoding,
    pub traditional: bool,
    pub pdf: bool,
    pub web: bool,
    /// A project name the document mentions (normalised form).
    pub some_project: String,
}

impl Doc {
    /// The bytes written to disk.
    pub fn bytes(&self) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 => self.text.as_bytes().to_vec(),
            Encoding::Gbk => {
                let (b, _, errors) = encoding_rs::GBK.encode(&self.text);
                assert!(!errors, "doc {} not encodable in GBK", self.index);
                b.into_owned()
            }
        }
    }
}

/// Relative path of document `index` (1-based): `000/doc_00001.txt`.
pub fn doc_path(index: usize) -> PathBuf {
    PathBuf::from(format!("{:03}", (index - 1) / 1000)).join(format!("doc_{index:05}.txt"))
}

fn trad_map() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        let chars: Vec<char> = TRAD_PAIRS.chars().collect();
        chars.chunks_exact(2).map(|p| (p[0], p[1])).collect()
    })
}

/// Simplified → traditional, character by character, with the built-in table.
pub fn to_traditional(text: &str) -> String {
    let map = trad_map();
    text.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// PDF text: every paragraph broken into lines of about `width` characters
/// and the whole document put on one line, lines separated by a space.
pub fn to_pdf_line(text: &str, width: usize, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for para in text.lines().filter(|l| !l.trim().is_empty()) {
        let chars: Vec<char> = para.trim().chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let w = (width + rng.below(3)).saturating_sub(1).max(8);
            let end = (i + w).min(chars.len());
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(&chars[i..end]);
            i = end;
        }
    }
    out.push('\n');
    out
}

fn to_fullwidth_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            '%' => '％',
            _ => c,
        })
        .collect()
}

// ----------------------------------------------------------- generator ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    WorkReport,
    Speech,
    Questions,
    Sentences,
}

struct DocGen<'w> {
    rng: Rng,
    world: &'w World,
    district: &'w District,
    year: u32,
    slogans: Vec<&'w Slogan>,
    out: String,
    projects_named: Vec<String>,
}

struct Metric {
    name: &'static str,
    /// growth range in %
    growth: (f64, f64),
    /// level range and unit, if the metric is stated as a level
    level: Option<(f64, f64, &'static str)>,
}

const METRICS: &[Metric] = &[
    Metric {
        name: "地区生产总值",
        growth: (5.0, 8.5),
        level: Some((280.0, 900.0, "亿元")),
    },
    Metric {
        name: "一般公共预算收入",
        growth: (3.0, 9.0),
        level: Some((18.0, 80.0, "亿元")),
    },
    Metric {
        name: "固定资产投资",
        growth: (6.0, 12.0),
        level: None,
    },
    Metric {
        name: "社会消费品零售总额",
        growth: (5.0, 10.0),
        level: Some((100.0, 420.0, "亿元")),
    },
    Metric {
        name: "规模以上工业增加值",
        growth: (5.0, 10.0),
        level: None,
    },
    Metric {
        name: "城镇居民人均可支配收入",
        growth: (5.0, 8.0),
        level: Some((3.2, 6.5, "万元")),
    },
    Metric {
        name: "农村居民人均可支配收入",
        growth: (6.0, 9.0),
        level: Some((1.5, 3.2, "万元")),
    },
    Metric {
        name: "进出口总额",
        growth: (3.0, 12.0),
        level: Some((20.0, 160.0, "亿元")),
    },
    Metric {
        name: "实际利用外资",
        growth: (2.0, 10.0),
        level: Some((1.0, 9.0, "亿美元")),
    },
    Metric {
        name: "税收收入",
        growth: (3.0, 8.0),
        level: Some((15.0, 60.0, "亿元")),
    },
];

fn pct(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}%")
    } else {
        format!("{v:.1}%")
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Chinese numeral for 1..=99.
fn cn_number(n: usize) -> String {
    match n {
        0 => "零".to_string(),
        1..=10 => CN_DIGITS[n - 1].to_string(),
        11..=19 => format!("十{}", CN_DIGITS[n - 11]),
        _ => {
            let tens = CN_DIGITS[n / 10 - 1];
            match n % 10 {
                0 => format!("{tens}十"),
                unit => format!("{tens}十{}", CN_DIGITS[unit - 1]),
            }
        }
    }
}

impl<'w> DocGen<'w> {
    fn place(&mut self) -> String {
        match self.rng.below(6) {
            0 => self.district.city.clone(),
            1..=3 => self.district.name.clone(),
            _ => self.rng.pick(&self.district.streets).clone(),
        }
    }

    fn project(&mut self) -> String {
        let d = if self.rng.chance(0.85) {
            self.district
        } else {
            let i = self.rng.skewed(self.world.districts.len());
            &self.world.districts[i]
        };
        let p = d.projects[self.rng.skewed(d.projects.len())].clone();
        self.projects_named.push(p.clone());
        p
    }

    fn sector(&mut self) -> &'static str {
        SECTORS[self.rng.skewed(SECTORS.len())]
    }

    fn org(&mut self) -> &'static str {
        ORGS[self.rng.skewed(ORGS.len())]
    }

    fn goal(&mut self) -> &'static str {
        if self.rng.chance(0.45) {
            "高质量发展"
        } else {
            GOALS[self.rng.below(GOALS.len())]
        }
    }

    fn measure(&mut self) -> String {
        format!("{}{}", self.rng.pick(VERBS), self.rng.pick(OBJECTS))
    }

    fn metric(&mut self) -> &'static Metric {
        if self.rng.chance(0.3) {
            &METRICS[0]
        } else {
            self.rng.pick(METRICS)
        }
    }

    /// A target figure clause (the year's plan).
    fn target_clause(&mut self) -> String {
        let m = self.metric();
        let g = self.rng.decimal(m.growth.0, m.growth.1);
        let g = if self.rng.chance(0.5) { g.round() } else { g };
        match self.rng.below(12) {
            0 => format!("{}增长{}左右", m.name, pct(g)),
            1 => format!("{}增长{}以上", m.name, pct(g)),
            2 => format!("确保{}增长{}", m.name, pct(g)),
            3 => format!(
                "{}增长{}-{}",
                m.name,
                pct(g),
                pct((g + 1.0).min(m.growth.1 + 1.0).round())
            ),
            4 => format!(
                "新签约亿元以上项目至少{}个，其中10亿元以上项目不少于{}个",
                self.rng.range(30, 120),
                self.rng.range(3, 15)
            ),
            5 => format!(
                "全年实施重点项目{}个，总投资{}亿元，年度计划完成投资{}亿元",
                self.rng.range(60, 220),
                num(self.rng.decimal(300.0, 1500.0)),
                num(self.rng.decimal(80.0, 400.0))
            ),
            6 => format!(
                "城镇新增就业{}万人，城镇登记失业率控制在{}以内",
                num(self.rng.decimal(0.5, 2.5)),
                pct(self.rng.decimal(3.5, 4.5))
            ),
            7 => format!(
                "力争{}增长百分之{}",
                m.name,
                cn_number(self.rng.range(4, 9))
            ),
            8 => format!(
                "高新技术企业达到{}家，研发经费投入强度提高{}个百分点",
                self.rng.range(50, 400),
                cn_number(self.rng.range(1, 2))
            ),
            9 => match m.level {
                Some((lo, hi, unit)) => {
                    format!(
                        "力争{}突破{}{}",
                        m.name,
                        num(self.rng.decimal(lo, hi)),
                        unit
                    )
                }
                None => format!("{}增长{}", m.name, pct(g)),
            },
            10 => format!(
                "单位地区生产总值能耗下降{}",
                pct(self.rng.decimal(2.0, 4.0))
            ),
            _ => format!("招商引资到位资金{}亿元", num(self.rng.decimal(50.0, 350.0))),
        }
    }

    /// An actual figure clause (last year's results).
    fn actual_clause(&mut self) -> String {
        let m = self.metric();
        let g = self.rng.decimal(m.growth.0 - 3.0, m.growth.1);
        match (self.rng.below(4), m.level) {
            (0 | 1, Some((lo, hi, unit))) => format!(
                "全年实现{}{}{}，同比增长{}",
                m.name,
                num(self.rng.decimal(lo, hi)),
                unit,
                pct(g)
            ),
            (2, _) => format!(
                "{}完成年度目标的{}",
                m.name,
                pct(self.rng.decimal(98.0, 112.0))
            ),
            (3, _) => format!("预计全年{}增长{}", m.name, pct(g)),
            _ => format!("{}增长{}", m.name, pct(g)),
        }
    }

    fn project_clause(&mut self) -> String {
        let p = self.project();
        match self.rng.below(7) {
            0 => format!("加快推进{p}建设"),
            1 => format!("{p}一期建成投运"),
            2 => format!("{p}完成投资{}亿元", num(self.rng.decimal(1.0, 60.0))),
            3 => format!("确保{p}年内开工"),
            4 => format!("推动{p}尽快投产达效"),
            5 => {
                let q = self.project();
                format!("{p}、{q}等重点项目顺利推进")
            }
            _ => format!("依托{p}打造{}集聚区", self.sector()),
        }
    }

    fn org_clause(&mut self) -> String {
        let o = self.org();
        match self.rng.below(5) {
            0 => format!("在{o}的坚强领导下"),
            1 => format!("{o}要牵头抓总"),
            2 => {
                let o2 = ORGS[(ORGS.iter().position(|x| *x == o).unwrap_or(0) + 1) % ORGS.len()];
                format!("{o}、{o2}要密切配合")
            }
            3 => format!("由{o}会同有关部门制定实施方案"),
            _ => format!("{o}要定期督查通报"),
        }
    }

    fn sector_clause(&mut self) -> String {
        let s = self.sector();
        match self.rng.below(5) {
            0 => {
                let t = self.sector();
                format!("大力发展{s}和{t}")
            }
            1 => format!("{s}产值增长{}", pct(self.rng.decimal(4.0, 15.0))),
            2 => format!("做大做强{s}"),
            3 => {
                let pl = self.place();
                format!("推动{pl}{s}集群发展")
            }
            _ => format!("培育壮大{s}"),
        }
    }

    fn goal_clause(&mut self) -> String {
        let g = self.goal();
        match self.rng.below(6) {
            0 => format!("推动{}{g}", self.district.name),
            1 => format!("以{g}为主题"),
            2 => format!("为{g}提供有力支撑"),
            3 => format!("围绕{g}目标"),
            4 => format!("奋力开创{g}新局面"),
            _ => format!("助力{g}"),
        }
    }

    fn place_clause(&mut self) -> String {
        let s = self.rng.pick(&self.district.streets).clone();
        match self.rng.below(4) {
            0 => format!("{s}要发挥示范带动作用"),
            1 => format!("支持{s}建设特色产业片区"),
            2 => format!("在{}率先开展试点", s),
            _ => format!("{}、{s}要结合实际抓好落实", self.district.name),
        }
    }

    fn clause(&mut self, figures: f64, actual: bool) -> String {
        let r = self.rng.unit();
        if r < figures {
            return if actual {
                self.actual_clause()
            } else {
                self.target_clause()
            };
        }
        match self.rng.below(10) {
            0 | 1 => self.project_clause(),
            2 => self.org_clause(),
            3 => self.sector_clause(),
            4 => self.goal_clause(),
            5 => self.place_clause(),
            6 => format!("{}，{}", self.measure(), self.rng.pick(DETAILS)),
            _ => self.rng.pick(FILLERS).to_string(),
        }
    }

    fn sentence(&mut self, figures: f64, actual: bool) -> String {
        let n = self.rng.range(2, 4);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push('，');
            }
            s.push_str(&self.clause(figures, actual));
        }
        s.push('。');
        s
    }

    fn slogan_sentence(&mut self) -> String {
        let sl = self.slogans[self.rng.below(self.slogans.len())];
        match self.rng.below(3) {
            0 => format!("全面落实{}，即{}。", sl.name, sl.members.join("、")),
            1 => format!(
                "要紧紧围绕{}工作要求，{}，推动{}。",
                sl.name,
                sl.members.join("，"),
                self.goal()
            ),
            _ => format!("扎实做好{}工作，{}。", sl.name, self.rng.pick(FILLERS)),
        }
    }

    /// 一要…二要… or 一是…二是… inside one paragraph.
    fn enumeration(&mut self, actual: bool) -> String {
        let style = if self.rng.chance(0.5) { "要" } else { "是" };
        let n = self.rng.range(3, 5);
        let mut s = String::new();
        for (i, digit) in CN_DIGITS.iter().enumerate().take(n) {
            let lead = format!("{digit}{style}");
            let m = self.measure();
            let tail = self.clause(0.25, actual);
            if style == "要" {
                let _ = write!(s, "{lead}{m}，{tail}。");
            } else {
                let sep = if i + 1 == n { "。" } else { "；" };
                let _ = write!(s, "{lead}{m}，{tail}{sep}");
            }
        }
        s
    }

    fn paragraph(&mut self, actual: bool) -> String {
        let mut p = String::new();
        let n = self.rng.range(3, 7);
        for _ in 0..n {
            let r = self.rng.unit();
            if r < 0.12 {
                p.push_str(&self.enumeration(actual));
            } else if r < 0.18 {
                p.push_str(&self.slogan_sentence());
            } else {
                p.push_str(&self.sentence(0.2, actual));
            }
        }
        p
    }

    fn heading_title(&mut self) -> String {
        match self.rng.below(5) {
            0 => format!("聚焦{}，推动{}", self.sector(), self.goal()),
            1 => format!("{}，{}", self.measure(), self.rng.pick(FILLERS)),
            2 => format!("坚持{}，{}", self.rng.pick(OBJECTS), self.measure()),
            3 => format!("{}要有新突破", self.rng.pick(OBJECTS)),
            _ => self.measure(),
        }
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn body(&mut self, kind: Kind, target: usize) {
        let top = (target / 5500).clamp(3, 9);
        let per_top = target / top;
        for (t, digit) in CN_DIGITS.iter().enumerate().take(top) {
            let actual = kind == Kind::WorkReport && t == 0;
            let start = self.out.len();
            let title = if actual {
                format!("{}年工作回顾", self.year - 1)
            } else if kind == Kind::WorkReport && t == 1 {
                format!("{}年主要目标和重点任务", self.year)
            } else {
                self.heading_title()
            };
            let h = match kind {
                Kind::Questions => {
                    let topic = self.rng.pick(TOPICS);
                    format!("第{digit}个问题：{topic}")
                }
                Kind::Sentences => format!("第{digit}句话：{title}"),
                _ => format!("{digit}、{title}"),
            };
            self.line(&h);
            if kind == Kind::WorkReport && t == 1 {
                let mut s = format!("{}年全区经济社会发展的主要预期目标是：", self.year);
                for i in 0..self.rng.range(3, 6) {
                    if i > 0 {
                        s.push('；');
                    }
                    s.push_str(&self.target_clause());
                }
                s.push('。');
                self.line(&s);
            }
            let mut sub = 0;
            while self.out.len() - start < per_top && sub < 9 {
                let subsections = kind != Kind::Sentences || self.rng.chance(0.3);
                if subsections {
                    let h = format!("（{}）{}", CN_DIGITS[sub], self.heading_title());
                    self.line(&h);
                }
                sub += 1;
                let items = kind == Kind::WorkReport && self.rng.chance(0.5);
                let paras = self.rng.range(1, 4);
                for k in 0..paras {
                    let p = self.paragraph(actual);
                    if items {
                        let head = format!("{}、{}。", k + 1, self.heading_title());
                        self.line(&format!("{head}{p}"));
                    } else {
                        self.line(&p);
                    }
                }
            }
        }
    }

    fn person(&mut self) -> String {
        format!("{}{}", self.rng.pick(SURNAMES), self.rng.pick(GIVEN))
    }

    fn document(&mut self, kind: Kind, target: usize) {
        let d = self.district.name.clone();
        let month = self.rng.range(1, 12);
        let day = self.rng.range(1, 28);
        match kind {
            Kind::WorkReport => {
                self.line(&format!("{d}{}年政府工作报告", self.year));
                let session = cn_number(self.rng.range(3, 9));
                let meeting = cn_number(self.rng.range(1, 7));
                self.line(&format!(
                    "——{}年{month}月{day}日在{d}第{session}届人民代表大会第{meeting}次会议上",
                    self.year
                ));
                let p = self.person();
                let head = if d.ends_with('县') {
                    "县长"
                } else {
                    "区长"
                };
                self.line(&format!("{d}人民政府{head}  {p}"));
                self.line("");
                self.line("各位代表：");
                self.line(&format!(
                    "现在，我代表{d}人民政府向大会报告工作，请予审议，并请区政协委员和列席会议的同志提出意见。"
                ));
            }
            _ => {
                let meeting = self.rng.pick(MEETINGS);
                // 区委全会 after 临江区 reads 临江区委全会
                let meeting = meeting.strip_prefix('区').unwrap_or(meeting);
                let aim = self.goal();
                if self.rng.chance(0.5) {
                    self.line(&format!("在{d}{meeting}上的讲话"));
                } else {
                    self.line(&format!("凝心聚力 真抓实干 奋力推动{d}{aim}"));
                    self.line(&format!("——在{d}{meeting}上的讲话"));
                }
                let p = self.person();
                self.line(&format!("{d}委书记 {p}"));
                self.line(&format!("（{}年{month}月{day}日）", self.year));
                self.line("");
                self.line("同志们：");
                let n = match kind {
                    Kind::Questions => "几个问题",
                    Kind::Sentences => "几句话",
                    _ => "几点意见",
                };
                self.line(&format!(
                    "这次会议的主要任务是，认真贯彻落实市委、市政府决策部署，总结工作，分析形势，部署任务，动员全区上下推动{aim}。下面，我讲{n}。"
                ));
            }
        }
        self.body(kind, target);
        let closing = format!(
            "{}，让我们在{}的坚强领导下，{}，{}，为推动{d}{}而努力奋斗！",
            if kind == Kind::WorkReport {
                "各位代表"
            } else {
                "同志们"
            },
            self.org(),
            self.rng.pick(FILLERS),
            self.rng.pick(FILLERS),
            self.goal()
        );
        self.line(&closing);
    }
}

fn web_header(rng: &mut Rng, year: u32, district: &str) -> String {
    format!(
        "首页 > 政务公开 > 领导讲话\n发布时间：{year}-{:02}-{:02} 来源：{district}人民政府办公室\n字号：大 中 小\n浏览次数：{}\n",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(50, 9000)
    )
}

fn web_footer(rng: &mut Rng) -> String {
    format!(
        "{}.{}KB\n点击下载\n下载文档\n微信扫码分享\n上一篇：关于做好当前重点工作的通知\n下一篇：全区安全生产工作会议召开\n打印本页 关闭窗口\n",
        rng.range(10, 90),
        rng.below(10)
    )
}

/// Generates document `index` (1-based) of the corpus of `world`.
pub fn generate(world: &World, index: usize) -> Doc {
    let mut rng = Rng::new(world.seed.wrapping_mul(0x100_0000_01B3) ^ (index as u64));
    // sizes: 5..60 KB, most around 30 KB (mean of three uniforms)
    let u = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
    let target = (5_000.0 + u * 52_000.0) as usize;
    let kind = match rng.below(10) {
        0..=2 => Kind::WorkReport,
        3..=6 => Kind::Speech,
        7 | 8 => Kind::Questions,
        _ => Kind::Sentences,
    };
    let district = &world.districts[rng.skewed(world.districts.len())];
    let year = 2016 + rng.below(8) as u32;
    let mut slogans: Vec<&Slogan> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let s = &world.slogans[rng.skewed(world.slogans.len())];
        if !slogans.iter().any(|x| x.name == s.name) {
            slogans.push(s);
        }
    }
    let variant = rng.unit();
    let web = rng.chance(0.15);
    let fullwidth = rng.chance(0.05);
    let crlf = rng.chance(0.05);
    let pdf_width = rng.range(24, 28);
    let mut g = DocGen {
        rng,
        world,
        district,
        year,
        slogans,
        out: String::with_capacity(target + 4096),
        projects_named: Vec::new(),
    };
    if web {
        let h = web_header(&mut g.rng, year, &district.name);
        g.out.push_str(&h);
    }
    // the body's size target leaves room for the header/footer
    g.document(
        kind,
        (target * 7 / 8)
            .saturating_sub(g.out.len() + 1200)
            .max(3000),
    );
    if web {
        let f = web_footer(&mut g.rng);
        g.out.push_str(&f);
    }
    let mut text = std::mem::take(&mut g.out);
    let some_project = g
        .projects_named
        .first()
        .cloned()
        .unwrap_or_else(|| district.projects[0].clone());
    let (encoding, traditional, pdf) = if variant < 0.10 {
        (Encoding::Gbk, false, false)
    } else if variant < 0.15 {
        (Encoding::Utf8, true, false)
    } else if variant < 0.25 {
        (Encoding::Utf8, false, true)
    } else {
        (Encoding::Utf8, false, false)
    };
    if traditional {
        text = to_traditional(&text);
    }
    if pdf {
        text = to_pdf_line(&text, pdf_width, &mut g.rng);
    }
    if fullwidth {
        text = to_fullwidth_digits(&text);
    }
    if crlf && !pdf {
        text = text.replace('\n', "\r\n");
    }
    Doc {
        index,
        text,
        encoding,
        traditional,
        pdf,
        web,
        some_project,
    }
}

/// What a corpus generation wrote.
#[derive(Debug, Default, Clone)]
pub struct CorpusInfo {
    pub docs: usize,
    pub bytes: u64,
    pub gbk: usize,
    pub traditional: usize,
    pub pdf: usize,
    pub web: usize,
}

fn marker_text(docs: usize, seed: u64) -> String {
    format!("gen_corpus version={GENERATOR_VERSION} docs={docs} seed={seed}\n")
}

/// Whether `out` already holds the corpus that `write_corpus(out, docs, seed)` writes.
pub fn corpus_present(out: &Path, docs: usize, seed: u64) -> bool {
    std::fs::read_to_string(out.join(MARKER))
        .map(|m| m.lines().next().map(|l| l.to_string() + "\n") == Some(marker_text(docs, seed)))
        .unwrap_or(false)
}

/// Writes documents `first..=last` of the world into `out` (nested folders).
pub fn write_range(
    world: &World,
    out: &Path,
    first: usize,
    last: usize,
) -> std::io::Result<CorpusInfo> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let total = last + 1 - first;
    let chunk = total.div_ceil(threads).max(1);
    let results: Vec<std::io::Result<CorpusInfo>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let lo = first + t * chunk;
                let hi = (lo + chunk).min(last + 1);
                s.spawn(move || {
                    let mut info = CorpusInfo::default();
                    for i in lo..hi {
                        let doc = generate(world, i);
                        let path = out.join(doc_path(i));
                        if let Some(parent) = path.parent() {
                            std::fs::create_dir_all(parent)?;
                        }
                        let bytes = doc.bytes();
                        std::fs::write(&path, &bytes)?;
                        info.docs += 1;
                        info.bytes += bytes.len() as u64;
                        info.gbk += usize::from(doc.encoding == Encoding::Gbk);
                        info.traditional += usize::from(doc.traditional);
                        info.pdf += usize::from(doc.pdf);
                        info.web += usize::from(doc.web);
                    }
                    Ok(info)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .collect()
    });
    let mut info = CorpusInfo::default();
    for r in results {
        let r = r?;
        info.docs += r.docs;
        info.bytes += r.bytes;
        info.gbk += r.gbk;
        info.traditional += r.traditional;
        info.pdf += r.pdf;
        info.web += r.web;
    }
    Ok(info)
}

/// Writes a corpus of `docs` documents into `out`, with its marker file.
pub fn write_corpus(out: &Path, docs: usize, seed: u64) -> std::io::Result<CorpusInfo> {
    std::fs::create_dir_all(out)?;
    let _ = std::fs::remove_file(out.join(MARKER));
    let world = World::new(seed);
    let info = if docs == 0 {
        CorpusInfo::default()
    } else {
        write_range(&world, out, 1, docs)?
    };
    std::fs::write(
        out.join(MARKER),
        format!(
            "{}bytes={} gbk={} traditional={} pdf={} web={}\n",
            marker_text(docs, seed),
            info.bytes,
            info.gbk,
            info.traditional,
            info.pdf,
            info.web
        ),
    )?;
    Ok(info)
}

#[allow(dead_code)]
fn main() {
    let mut docs: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus --docs N --out DIR [--seed S]";
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "-h" | "--help" => {
                println!("{usage}");
                return;
            }
            other => {
                eprintln!("gen_corpus: unknown argument {other}\n{usage}");
                std::process::exit(2);
            }
        }
    }
    let (Some(docs), Some(out)) = (docs, out) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    match write_corpus(&out, docs, seed) {
        Ok(info) => println!(
            "wrote {} documents, {:.1} MB, to {} in {:.1} s (GBK {}, traditional {}, PDF {}, web leftovers {})",
            info.docs,
            info.bytes as f64 / 1e6,
            out.display(),
            t.elapsed().as_secs_f64(),
            info.gbk,
            info.traditional,
            info.pdf,
            info.web
        ),
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
