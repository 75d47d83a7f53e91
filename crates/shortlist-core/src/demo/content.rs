//! Static content of the demo: interviewers, their questions and criteria,
//! answer pools, people. Everything the generator varies is drawn from here
//! with the seeded [`super::rng::Rng`].

/// Unix seconds of 2026-11-20T00:00:00Z: the demo's "today". Every time in
/// the generated data is relative to it, never to the clock.
pub const REFERENCE_TIME: f64 = 1_795_132_800.0;
pub const DAY: f64 = 86_400.0;

pub struct PostingDef {
    pub id: &'static str,
    pub slug: &'static str,
    pub title: &'static str,
    pub interviewer: &'static str,
    pub status: &'static str,
    pub language: &'static str,
    pub description: &'static str,
    /// Unix seconds.
    pub created_at: f64,
    pub deadline: Option<f64>,
    pub max_retakes: i64,
    /// Step kinds in order.
    pub workflow: &'static [&'static str],
    pub cheat_detection: bool,
    pub budget: Option<(f64, f64, &'static str)>,
    pub subscribers: &'static [&'static str],
    pub questions: &'static [QuestionDef],
    pub resume_criteria: &'static [&'static str],
    /// How many candidates, per imported status plan (see `generate.rs`).
    pub plan: Plan,
}

#[derive(Clone, Copy)]
pub struct Plan {
    pub completed: usize,
    pub shortlisted: usize,
    pub dismissed: usize,
    pub evaluating: usize,
    pub in_progress: usize,
    pub knocked_out: usize,
    pub pending: usize,
}

impl Plan {
    pub const fn total(&self) -> usize {
        self.completed
            + self.shortlisted
            + self.dismissed
            + self.evaluating
            + self.in_progress
            + self.knocked_out
            + self.pending
    }
}

pub struct QuestionDef {
    pub topic: &'static str,
    pub text: &'static str,
    pub weight: i64,
    pub not_scored: bool,
    pub criteria: &'static str,
    pub anchor_1: &'static str,
    pub anchor_5: &'static str,
    /// Average difficulty: subtracted from the candidate's latent level so
    /// per-question averages differ (the radar has a shape).
    pub difficulty: f64,
    /// English answers by tier: strong, middling, weak.
    pub answers: [&'static str; 3],
}

pub const POSTINGS: &[PostingDef] = &[
    PostingDef {
        id: "pst_627",
        slug: "627-seasonal-sales-associate",
        title: "Seasonal Sales Associate",
        interviewer: "Sally",
        status: "active",
        language: "en",
        description: "Join our flagship store for the holiday season. Help customers find the right gift, keep the shop floor tidy and the queues moving. Evenings and weekends in December.",
        created_at: 1_789_430_400.0, // 2026-09-15
        deadline: Some(1_806_451_200.0), // 2027-03-31
        max_retakes: 1,
        workflow: &["form", "resume", "web_interview"],
        cheat_detection: true,
        budget: Some((1500.0, 612.4, "USD")),
        subscribers: &["hiring@northwind-retail.example", "maya.chen@northwind-retail.example", "store-627@northwind-retail.example"],
        questions: &[
            QuestionDef {
                topic: "customer service",
                text: "Tell me about a time you helped a customer find the right product.",
                weight: 8,
                not_scored: false,
                criteria: "Gives a specific example, asks about the customer's needs, and describes the outcome.",
                anchor_1: "No example, or the customer's needs are ignored.",
                anchor_5: "A clear example with needs discovery and a satisfied customer.",
                difficulty: 0.0,
                answers: [
                    "A father needed a coat for his son; I asked about his school trip, found a waterproof jacket in his size and he came back the next week for boots.",
                    "I usually show people where things are and tell them what is popular.",
                    "I would point them to the right aisle if they ask me.",
                ],
            },
            QuestionDef {
                topic: "working under pressure",
                text: "How do you handle a long queue at the register during a rush?",
                weight: 6,
                not_scored: false,
                criteria: "Stays calm, communicates with waiting customers, asks for backup early.",
                anchor_1: "Gets flustered or blames customers.",
                anchor_5: "Calm, acknowledges the queue, calls for a second till.",
                difficulty: 0.08,
                answers: [
                    "I acknowledge the people waiting, keep each transaction quick and call a colleague to open a second till before the line reaches the door.",
                    "I try to work faster and stay polite.",
                    "Queues are stressful, I just keep scanning.",
                ],
            },
            QuestionDef {
                topic: "consultative selling",
                text: "How would you approach a customer who seems undecided?",
                weight: 5,
                not_scored: false,
                criteria: "Asks open questions and narrows down to a few options without pressure.",
                anchor_1: "Pushes the most expensive item or leaves the customer alone.",
                anchor_5: "Discovers needs and offers two or three fitting options.",
                difficulty: 0.12,
                answers: [
                    "I ask who it is for and what they have in mind, then suggest two options at different prices and let them compare.",
                    "I tell them about our current offers.",
                    "I leave them to browse until they decide.",
                ],
            },
            QuestionDef {
                topic: "teamwork",
                text: "What does good teamwork look like to you on a busy shift?",
                weight: 4,
                not_scored: false,
                criteria: "Covers for colleagues, shares tasks, communicates proactively.",
                anchor_1: "Focuses only on own tasks.",
                anchor_5: "Concrete habits: covering breaks, handovers, sharing tills.",
                difficulty: -0.05,
                answers: [
                    "Covering each other's breaks, telling the team when stock runs low, and jumping on the tills when a queue builds.",
                    "Helping others when they ask.",
                    "Everyone doing their own job.",
                ],
            },
            QuestionDef {
                topic: "availability",
                text: "What is your availability over the holidays?",
                weight: 1,
                not_scored: true,
                criteria: "Informational: record the candidate's availability.",
                anchor_1: "No availability in December.",
                anchor_5: "Available evenings and weekends.",
                difficulty: 0.0,
                answers: [
                    "Evenings and every weekend, including Boxing Day.",
                    "Weekends, and some evenings.",
                    "Only weekday mornings.",
                ],
            },
        ],
        resume_criteria: &["Customer-facing retail experience", "Availability for seasonal peaks", "Cash handling and POS systems"],
        plan: Plan { completed: 24, shortlisted: 2, dismissed: 1, evaluating: 4, in_progress: 10, knocked_out: 6, pending: 9 },
    },
    PostingDef {
        id: "pst_731",
        slug: "731-customer-support-specialist-bilingual",
        title: "Customer Support Specialist (Bilingual)",
        interviewer: "Lucía",
        status: "active",
        language: "es",
        description: "Atiende a clientes por chat, correo y teléfono en español e inglés. Remote-friendly support role for our EMEA hub.",
        created_at: 1_788_220_800.0, // 2026-09-01
        deadline: Some(1_803_772_800.0), // 2027-02-28
        max_retakes: 2,
        workflow: &["resume", "conversational_sms", "web_interview"],
        cheat_detection: true,
        budget: Some((2000.0, 1184.0, "EUR")),
        subscribers: &["support-hiring@contoso-care.example", "ines.roca@contoso-care.example"],
        questions: &[
            QuestionDef {
                topic: "de-escalation",
                text: "Describe how you calm down an upset customer.",
                weight: 8,
                not_scored: false,
                criteria: "Listens, acknowledges feelings, restates the problem, commits to a next step.",
                anchor_1: "Argues with the customer or escalates immediately.",
                anchor_5: "Structured de-escalation with empathy and a clear next step.",
                difficulty: 0.05,
                answers: [
                    "I let them finish, repeat the problem back in their words, apologise for the impact and tell them exactly what I will do and by when.",
                    "I stay calm and try to fix the issue.",
                    "I transfer them to my supervisor.",
                ],
            },
            QuestionDef {
                topic: "problem solving",
                text: "Walk me through solving a problem you had never seen before.",
                weight: 6,
                not_scored: false,
                criteria: "Reproduces, searches documentation, asks the right people, documents the fix.",
                anchor_1: "Guesses or gives up.",
                anchor_5: "Methodical investigation and a documented fix.",
                difficulty: 0.15,
                answers: [
                    "I reproduced the error, searched the knowledge base, asked the billing team on Slack and then wrote an article so the next agent would not have to.",
                    "I look in the knowledge base and ask colleagues.",
                    "I tell the customer to try again later.",
                ],
            },
            QuestionDef {
                topic: "bilingual communication",
                text: "How do you switch between Spanish and English with customers?",
                weight: 8,
                not_scored: false,
                criteria: "Follows the customer's preference, keeps tone consistent across languages.",
                anchor_1: "Cannot hold a conversation in one of the languages.",
                anchor_5: "Fluent in both, adapts naturally to the customer.",
                difficulty: -0.02,
                answers: [
                    "I mirror the language the customer opens with and keep the same tone and macros in both; I also translate our replies for colleagues.",
                    "I can speak both, though my written Spanish is slower.",
                    "I mostly use English.",
                ],
            },
            QuestionDef {
                topic: "organisation",
                text: "How do you keep notes and tickets organised?",
                weight: 4,
                not_scored: false,
                criteria: "Uses tags, statuses and follow-ups; nothing falls through the cracks.",
                anchor_1: "No system.",
                anchor_5: "Consistent tagging, same-day closure, follow-up reminders.",
                difficulty: 0.02,
                answers: [
                    "Clear tags, an internal note on every ticket and a reminder for anything waiting on another team; I aim to close the same day.",
                    "I try to update tickets at the end of the day.",
                    "I remember most things.",
                ],
            },
            QuestionDef {
                topic: "salary expectations",
                text: "What salary are you expecting?",
                weight: 1,
                not_scored: true,
                criteria: "Informational: record the expectation.",
                anchor_1: "No answer.",
                anchor_5: "A clear figure or range.",
                difficulty: 0.0,
                answers: [
                    "Around two thousand euros a month.",
                    "Between 1,800 and 2,200 euros.",
                    "I am not sure yet.",
                ],
            },
        ],
        resume_criteria: &["Customer support experience", "Spanish and English proficiency", "Ticketing tools (Zendesk, Intercom)"],
        plan: Plan { completed: 10, shortlisted: 0, dismissed: 0, evaluating: 2, in_progress: 4, knocked_out: 3, pending: 3 },
    },
    PostingDef {
        id: "pst_845",
        slug: "845-warehouse-team-lead",
        title: "Warehouse Team Lead",
        interviewer: "Marc",
        status: "active",
        language: "fr",
        description: "Encadrez une équipe de 12 préparateurs sur notre plateforme de Saint-Priest. Sécurité, planning et amélioration continue.",
        created_at: 1_787_184_000.0, // 2026-08-20
        deadline: Some(1_799_971_200.0), // 2027-01-15
        max_retakes: 0,
        workflow: &["resume", "web_interview"],
        cheat_detection: true,
        budget: Some((800.0, 790.0, "EUR")),
        subscribers: &["ops-recrutement@fabrikam-logistique.example"],
        questions: &[
            QuestionDef {
                topic: "shift planning",
                text: "How do you organise a shift when you are short of staff?",
                weight: 6,
                not_scored: false,
                criteria: "Prioritises urgent orders, reallocates tasks, communicates the plan.",
                anchor_1: "No plan; hopes it works out.",
                anchor_5: "Clear prioritisation and reallocation with communication.",
                difficulty: 0.05,
                answers: [
                    "I rank orders by cut-off time, move my two fastest pickers to the urgent lanes and brief everyone in five minutes at the start of the shift.",
                    "I ask people to work faster and do some picking myself.",
                    "I tell the manager we cannot finish.",
                ],
            },
            QuestionDef {
                topic: "safety",
                text: "Tell me about a safety issue you handled.",
                weight: 9,
                not_scored: false,
                criteria: "Stops unsafe work, fixes the cause, trains the team.",
                anchor_1: "Ignores or does not notice safety issues.",
                anchor_5: "Intervenes, fixes root cause, follows up with training.",
                difficulty: 0.1,
                answers: [
                    "I stopped a badly loaded forklift, had the pallet rewrapped, reported it and ran a ten-minute refresher for the whole shift.",
                    "I told a colleague to be more careful with a pallet.",
                    "Safety is the supervisor's job.",
                ],
            },
            QuestionDef {
                topic: "leadership",
                text: "How do you give feedback to a team member who is struggling?",
                weight: 8,
                not_scored: false,
                criteria: "Private, specific, supportive; agrees a measurable goal.",
                anchor_1: "Public criticism or no feedback.",
                anchor_5: "Private conversation, specific goal, follow-up.",
                difficulty: 0.2,
                answers: [
                    "I talk to them privately, show them their numbers, ask what is getting in the way and agree one simple goal for the week.",
                    "I tell them what they are doing wrong.",
                    "I let the manager handle it.",
                ],
            },
            QuestionDef {
                topic: "warehouse systems",
                text: "Which warehouse management systems have you used?",
                weight: 3,
                not_scored: false,
                criteria: "Hands-on use of a WMS and RF scanning.",
                anchor_1: "None.",
                anchor_5: "Daily use of a WMS, scanning and inventory counts.",
                difficulty: -0.1,
                answers: [
                    "SAP EWM every day, RF scanners and cycle counts; I also trained new starters on it.",
                    "A barcode scanner and some Excel.",
                    "Paper pick lists only.",
                ],
            },
            QuestionDef {
                topic: "start date",
                text: "When could you start?",
                weight: 1,
                not_scored: true,
                criteria: "Informational: notice period.",
                anchor_1: "Not within three months.",
                anchor_5: "Within a month.",
                difficulty: 0.0,
                answers: ["In one month, after my notice period.", "In two months.", "Not before spring."],
            },
        ],
        resume_criteria: &["Warehouse leadership experience", "Safety certifications (CACES, IOSH)", "WMS experience"],
        plan: Plan { completed: 9, shortlisted: 0, dismissed: 0, evaluating: 1, in_progress: 2, knocked_out: 0, pending: 2 },
    },
    PostingDef {
        id: "pst_512",
        slug: "512-night-shift-cashier",
        title: "Night Shift Cashier",
        interviewer: "Eleni",
        status: "expired",
        language: "en",
        description: "Night cashier for our 24-hour store in Thessaloniki. Cash handling, customer service and light stocking.",
        created_at: 1_785_542_400.0, // 2026-08-01
        deadline: Some(1_793_404_800.0), // 2026-10-31 (past)
        max_retakes: 1,
        workflow: &["form", "resume", "web_interview"],
        cheat_detection: false,
        budget: Some((500.0, 500.0, "USD")),
        subscribers: &["night-ops@northwind-retail.example", "giorgos.n@northwind-retail.example"],
        questions: &[
            QuestionDef {
                topic: "cash accuracy",
                text: "How do you handle cash accurately at the end of a shift?",
                weight: 9,
                not_scored: false,
                criteria: "Counts twice, records discrepancies, follows the procedure.",
                anchor_1: "No procedure.",
                anchor_5: "Double count, logged discrepancies, handover.",
                difficulty: 0.0,
                answers: [
                    "I count twice, log any difference with the reason and hand the float over with a signed sheet.",
                    "I count the till and tell the manager if it is off.",
                    "The system counts it for me.",
                ],
            },
            QuestionDef {
                topic: "personal safety",
                text: "What would you do if a customer became aggressive at night?",
                weight: 7,
                not_scored: false,
                criteria: "Stays calm, does not escalate, follows the security procedure.",
                anchor_1: "Confronts the customer.",
                anchor_5: "De-escalates and calls the supervisor or security.",
                difficulty: 0.1,
                answers: [
                    "I keep my voice low, keep the counter between us and call the duty manager using the panic button if needed.",
                    "I ask them to leave.",
                    "I would argue back.",
                ],
            },
            QuestionDef {
                topic: "reliability",
                text: "How do you stay alert on a night shift?",
                weight: 4,
                not_scored: false,
                criteria: "Concrete habits for alertness and reliability.",
                anchor_1: "No strategy.",
                anchor_5: "Sleep routine, breaks, staying active.",
                difficulty: -0.05,
                answers: [
                    "A fixed sleep routine, short breaks, water and stocking shelves between customers.",
                    "Coffee, mostly.",
                    "I have never worked nights.",
                ],
            },
            QuestionDef {
                topic: "ownership",
                text: "Tell me about a mistake you made and how you fixed it.",
                weight: 6,
                not_scored: false,
                criteria: "Owns the mistake, fixes it, prevents a repeat.",
                anchor_1: "Blames others.",
                anchor_5: "Owns it, fixes it, changes a habit.",
                difficulty: 0.15,
                answers: [
                    "I gave the wrong change once, reported it straight away and now I always say the amount out loud.",
                    "I once mis-scanned an item and the manager fixed it.",
                    "I do not really make mistakes.",
                ],
            },
            QuestionDef {
                topic: "weekend availability",
                text: "Can you work weekends?",
                weight: 1,
                not_scored: true,
                criteria: "Informational.",
                anchor_1: "No weekends.",
                anchor_5: "Every weekend.",
                difficulty: 0.0,
                answers: ["Yes, every weekend.", "Every other weekend.", "No."],
            },
        ],
        resume_criteria: &["Cash handling experience", "Night shift experience"],
        plan: Plan { completed: 5, shortlisted: 0, dismissed: 0, evaluating: 0, in_progress: 1, knocked_out: 2, pending: 0 },
    },
    PostingDef {
        id: "pst_903",
        slug: "903-store-manager",
        title: "Store Manager",
        interviewer: "Ava",
        status: "draft",
        language: "en",
        description: "Draft: store manager for the new Lisbon location.",
        created_at: 1_794_268_800.0, // 2026-11-10
        deadline: None,
        max_retakes: 1,
        workflow: &["resume", "web_interview"],
        cheat_detection: true,
        budget: None,
        subscribers: &[],
        questions: &[],
        resume_criteria: &[],
        plan: Plan { completed: 0, shortlisted: 0, dismissed: 0, evaluating: 0, in_progress: 0, knocked_out: 0, pending: 0 },
    },
];

/// Where people live: country, cities, phone and e-mail conventions.
pub struct Region {
    pub code: &'static str,
    pub country: &'static str,
    pub cities: &'static [&'static str],
    pub timezone: &'static str,
    /// Phone pattern; each `#` becomes a digit.
    pub phone: &'static str,
    pub domains: &'static [&'static str],
}

pub const REGIONS: &[Region] = &[
    Region {
        code: "US",
        country: "United States",
        cities: &["Chicago", "Austin", "Seattle", "Denver"],
        timezone: "America/Chicago",
        phone: "+1 312 555 01##",
        domains: &["gmail.com", "outlook.com", "yahoo.com"],
    },
    Region {
        code: "GB",
        country: "United Kingdom",
        cities: &["Manchester", "London", "Leeds"],
        timezone: "Europe/London",
        phone: "+44 7700 900###",
        domains: &["gmail.com", "outlook.com", "btinternet.com"],
    },
    Region {
        code: "ES",
        country: "Spain",
        cities: &["Madrid", "Sevilla", "Valencia"],
        timezone: "Europe/Madrid",
        phone: "+34 6## ### ###",
        domains: &["gmail.com", "correo.es", "hotmail.es"],
    },
    Region {
        code: "MX",
        country: "Mexico",
        cities: &["Ciudad de México", "Guadalajara", "Monterrey"],
        timezone: "America/Mexico_City",
        phone: "+52 55 #### ####",
        domains: &["gmail.com", "hotmail.com"],
    },
    Region {
        code: "FR",
        country: "France",
        cities: &["Lyon", "Paris", "Marseille"],
        timezone: "Europe/Paris",
        phone: "+33 6 ## ## ## ##",
        domains: &["orange.fr", "gmail.com", "laposte.net"],
    },
    Region {
        code: "SE",
        country: "Sweden",
        cities: &["Malmö", "Göteborg", "Stockholm"],
        timezone: "Europe/Stockholm",
        phone: "+46 70 ### ## ##",
        domains: &["posteo.se", "gmail.com"],
    },
    Region {
        code: "DE",
        country: "Germany",
        cities: &["Berlin", "München", "Köln"],
        timezone: "Europe/Berlin",
        phone: "+49 151 ########",
        domains: &["gmx.de", "web.de", "gmail.com"],
    },
    Region {
        code: "PL",
        country: "Poland",
        cities: &["Kraków", "Wrocław", "Łódź"],
        timezone: "Europe/Warsaw",
        phone: "+48 5## ### ###",
        domains: &["wp.pl", "gmail.com"],
    },
    Region {
        code: "PT",
        country: "Portugal",
        cities: &["Lisboa", "Porto"],
        timezone: "Europe/Lisbon",
        phone: "+351 91# ### ###",
        domains: &["sapo.pt", "gmail.com"],
    },
    Region {
        code: "BR",
        country: "Brazil",
        cities: &["São Paulo", "Belo Horizonte"],
        timezone: "America/Sao_Paulo",
        phone: "+55 11 9#### ####",
        domains: &["uol.com.br", "gmail.com"],
    },
    Region {
        code: "TR",
        country: "Türkiye",
        cities: &["İstanbul", "İzmir"],
        timezone: "Europe/Istanbul",
        phone: "+90 5## ### ## ##",
        domains: &["gmail.com", "yandex.com.tr"],
    },
    Region {
        code: "RU",
        country: "Russia",
        cities: &["Екатеринбург", "Москва", "Казань"],
        timezone: "Asia/Yekaterinburg",
        phone: "+7 9## ###-##-##",
        domains: &["yandex.ru", "mail.ru"],
    },
    Region {
        code: "UA",
        country: "Ukraine",
        cities: &["Київ", "Львів"],
        timezone: "Europe/Kyiv",
        phone: "+380 67 ### ## ##",
        domains: &["ukr.net", "gmail.com"],
    },
    Region {
        code: "GR",
        country: "Greece",
        cities: &["Θεσσαλονίκη", "Αθήνα"],
        timezone: "Europe/Athens",
        phone: "+30 69# ### ####",
        domains: &["gmail.com", "otenet.gr"],
    },
    Region {
        code: "JO",
        country: "Jordan",
        cities: &["عمّان", "إربد"],
        timezone: "Asia/Amman",
        phone: "+962 7# ### ####",
        domains: &["gmail.com", "hotmail.com"],
    },
    Region {
        code: "AE",
        country: "United Arab Emirates",
        cities: &["دبي", "أبوظبي"],
        timezone: "Asia/Dubai",
        phone: "+971 50 ### ####",
        domains: &["gmail.com", "outlook.com"],
    },
    Region {
        code: "CN",
        country: "China",
        cities: &["上海", "北京", "杭州"],
        timezone: "Asia/Shanghai",
        phone: "+86 138 #### ####",
        domains: &["qq.com", "163.com"],
    },
    Region {
        code: "JP",
        country: "Japan",
        cities: &["東京", "大阪"],
        timezone: "Asia/Tokyo",
        phone: "+81 90 #### ####",
        domains: &["gmail.com", "yahoo.co.jp"],
    },
    Region {
        code: "IL",
        country: "Israel",
        cities: &["תל אביב", "חיפה"],
        timezone: "Asia/Jerusalem",
        phone: "+972 5# ### ####",
        domains: &["gmail.com", "walla.co.il"],
    },
    Region {
        code: "VN",
        country: "Vietnam",
        cities: &["Hà Nội", "Đà Nẵng"],
        timezone: "Asia/Ho_Chi_Minh",
        phone: "+84 9# ### ## ##",
        domains: &["gmail.com"],
    },
    Region {
        code: "IN",
        country: "India",
        cities: &["Bengaluru", "Pune"],
        timezone: "Asia/Kolkata",
        phone: "+91 98### #####",
        domains: &["gmail.com", "rediffmail.com"],
    },
    Region {
        code: "NG",
        country: "Nigeria",
        cities: &["Lagos", "Abuja"],
        timezone: "Africa/Lagos",
        phone: "+234 80# ### ####",
        domains: &["gmail.com", "yahoo.com"],
    },
];

/// A person: display name (any script), the ASCII local part of the e-mail,
/// region code.
pub struct Person {
    pub name: &'static str,
    pub email_local: &'static str,
    pub region: &'static str,
}

const fn p(name: &'static str, email_local: &'static str, region: &'static str) -> Person {
    Person {
        name,
        email_local,
        region,
    }
}

/// Named people with a fixed role in the demo (résumé PDFs, recordings,
/// probes). Referenced by index from `generate.rs`.
pub const JOSE: Person = p("José Álvarez", "jose.alvarez", "ES");
pub const DMITRY: Person = p("Дмитрий Иванов", "dmitry.ivanov", "RU");
pub const ZOE: Person = p("Zoë Ångström", "zoe.angstrom", "SE");
pub const LAYLA: Person = p("ليلى حداد", "layla.haddad", "JO");
pub const CARLOS: Person = p("Carlos Muñoz", "carlos.munoz", "MX");
pub const CHLOE: Person = p("Chloé Dubois", "chloe.dubois", "FR");
pub const WANG_FANG: Person = p("王芳", "wang.fang", "CN");
pub const AMARA: Person = p("Amara Okafor", "amara.okafor", "GB");
pub const ALEXANDROS: Person = p("Αλέξανδρος Παπαδόπουλος", "alex.papadopoulos", "GR");
/// XSS probe used by the UI tests: must always render as text.
pub const XSS_PROBE: Person = p("<img src=x onerror=alert(1)>", "xss.probe", "US");
/// Spreadsheet-formula probe used by the export tests.
pub const FORMULA_PROBE: Person = p("=HYPERLINK(\"http://x\",\"y\")", "formula.probe", "US");

/// Demo candidates whose résumé PDF deliberately disagrees with what they
/// say in the interview, so Cross-Agent Intelligence (F24) has real
/// findings: (person, posting id, résumé id in manifest.json, extra
/// interview lines as (speaker, text) asked right after the first question).
/// The PDFs are made by `scripts/make-demo-media.sh`.
pub type Mismatch = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);
pub const MISMATCHES: &[Mismatch] = &[
    (
        "Daniel Kim",
        "pst_845",
        "daniel_kim",
        &[
            ("Interviewer", "Before we go on, tell me about your work history."),
            (
                "Candidate",
                "I have about three years in warehouses. I was a picker at Amazon Fulfillment in 2023, before that I worked in a restaurant.",
            ),
            ("Candidate", "Honestly I have never driven a forklift, I would need the training."),
        ],
    ),
    (
        "Emily Johnson",
        "pst_512",
        "emily_johnson",
        &[
            ("Interviewer", "Before we go on, tell me about your work history."),
            (
                "Candidate",
                "I have been a cashier for about four years, at Target from 2021 to 2023 and then at Walmart.",
            ),
            ("Candidate", "I don't do bookkeeping, the manager handles the deposits."),
        ],
    ),
    (
        "Théo Moreau",
        "pst_627",
        "theo_moreau",
        &[
            ("Interviewer", "Before we go on, tell me about your work history."),
            ("Candidate", "I work as a sales assistant at H&M, on the weekend shifts since 2022."),
            ("Candidate", "Before that I was at Decathlon for two years."),
        ],
    ),
];

/// Contact details printed on the committed résumé PDFs: the generated
/// candidate data must agree with them. (name, e-mail, phone, city)
pub const RESUME_CONTACTS: &[(&str, &str, &str, &str)] = &[
    (
        "José Álvarez",
        "jose.alvarez@correo.es",
        "+34 612 345 678",
        "Madrid",
    ),
    (
        "Zoë Ångström",
        "zoe.angstrom@posteo.se",
        "+46 70 123 45 67",
        "Malmö",
    ),
    (
        "Дмитрий Иванов",
        "dmitry.ivanov@yandex.ru",
        "+7 912 345-67-89",
        "Екатеринбург",
    ),
    (
        "Αλέξανδρος Παπαδόπουλος",
        "alex.papadopoulos@gmail.com",
        "+30 691 234 5678",
        "Θεσσαλονίκη",
    ),
    (
        "Chloé Dubois",
        "chloe.dubois@orange.fr",
        "+33 6 12 34 56 78",
        "Lyon",
    ),
    (
        "Amara Okafor",
        "amara.okafor@outlook.com",
        "+44 7700 900123",
        "Manchester",
    ),
];

/// Everyone else, drawn in order by the generator.
pub const PEOPLE: &[Person] = &[
    p("Emily Johnson", "emily.johnson", "US"),
    p("Michael Brown", "michael.brown", "US"),
    p("Jessica Nguyen", "jessica.nguyen", "US"),
    p("Tyler Davis", "tyler.davis", "US"),
    p("Ashley Thompson", "ashley.thompson", "US"),
    p("Brandon Miller", "brandon.miller", "US"),
    p("Megan Garcia", "megan.garcia", "US"),
    p("Jordan Williams", "jordan.williams", "US"),
    p("Oliver Bennett", "oliver.bennett", "GB"),
    p("Siobhán O'Connor", "siobhan.oconnor", "GB"),
    p("Priya Patel", "priya.patel", "GB"),
    p("Harry Whitfield", "harry.whitfield", "GB"),
    p("María García", "maria.garcia", "ES"),
    p("Álvaro Núñez", "alvaro.nunez", "ES"),
    p("Inés Ibáñez", "ines.ibanez", "ES"),
    p("Sergio Pérez", "sergio.perez", "ES"),
    p("Sofía Hernández", "sofia.hernandez", "MX"),
    p("Andrés Ramírez", "andres.ramirez", "MX"),
    p("Valentina Cortés", "valentina.cortes", "MX"),
    p("Martín López", "martin.lopez", "MX"),
    p("Léa Lefèvre", "lea.lefevre", "FR"),
    p("Théo Moreau", "theo.moreau", "FR"),
    p("Hélène Girard", "helene.girard", "FR"),
    p("François Fournier", "francois.fournier", "FR"),
    p("Noël Garnier", "noel.garnier", "FR"),
    p("Björn Lindqvist", "bjorn.lindqvist", "SE"),
    p("Åsa Sjöberg", "asa.sjoberg", "SE"),
    p("Linnéa Ekström", "linnea.ekstrom", "SE"),
    p("Jürgen Müller", "juergen.mueller", "DE"),
    p("Lena Schröder", "lena.schroeder", "DE"),
    p("Maximilian Weiß", "max.weiss", "DE"),
    p("Łukasz Wiśniewski", "lukasz.wisniewski", "PL"),
    p("Małgorzata Kowalczyk", "malgorzata.kowalczyk", "PL"),
    p("João Gonçalves", "joao.goncalves", "PT"),
    p("Conceição Araújo", "conceicao.araujo", "BR"),
    p("Thiago Monteiro", "thiago.monteiro", "BR"),
    p("Çağrı Yılmaz", "cagri.yilmaz", "TR"),
    p("Şule Öztürk", "sule.ozturk", "TR"),
    p("Анна Смирнова", "anna.smirnova", "RU"),
    p("Сергей Кузнецов", "sergey.kuznetsov", "RU"),
    p("Ольга Попова", "olga.popova", "RU"),
    p("Никита Соколов", "nikita.sokolov", "RU"),
    p("Олена Шевченко", "olena.shevchenko", "UA"),
    p("Андрій Коваленко", "andriy.kovalenko", "UA"),
    p("Μαρία Γεωργίου", "maria.georgiou", "GR"),
    p("Γιώργος Δημητρίου", "giorgos.dimitriou", "GR"),
    p("Νίκη Κωνσταντίνου", "niki.konstantinou", "GR"),
    p("Κώστας Αντωνίου", "kostas.antoniou", "GR"),
    p("يوسف الخطيب", "youssef.alkhatib", "JO"),
    p("مريم منصور", "mariam.mansour", "JO"),
    p("عمر العلي", "omar.alali", "AE"),
    p("نور الهاشمي", "nour.alhashimi", "AE"),
    p("فاطمة الزهراء", "fatima.zahra", "AE"),
    p("李伟", "li.wei", "CN"),
    p("张静", "zhang.jing", "CN"),
    p("刘磊", "liu.lei", "CN"),
    p("陈敏", "chen.min", "CN"),
    p("佐藤 美咲", "misaki.sato", "JP"),
    p("鈴木 健太", "kenta.suzuki", "JP"),
    p("高橋 陽菜", "hina.takahashi", "JP"),
    p("נועה כהן", "noa.cohen", "IL"),
    p("איתי לוי", "itai.levi", "IL"),
    p("תמר מזרחי", "tamar.mizrahi", "IL"),
    p("Nguyễn Thị Hương", "huong.nguyen", "VN"),
    p("Trần Văn Minh", "minh.tran", "VN"),
    p("Ananya Iyer", "ananya.iyer", "IN"),
    p("Rohan Deshmukh", "rohan.deshmukh", "IN"),
    p("Chinedu Eze", "chinedu.eze", "NG"),
    p("Ngozi Adeyemi", "ngozi.adeyemi", "NG"),
    p("Daniel Kim", "daniel.kim", "US"),
    p("Grace Hopkins", "grace.hopkins", "GB"),
    p("Pablo Ruiz", "pablo.ruiz", "ES"),
    p("Camille Rousseau", "camille.rousseau", "FR"),
    p("Mateo Sánchez", "mateo.sanchez", "MX"),
    p("Ava Kowalski", "ava.kowalski", "US"),
    p("Kai Andersson", "kai.andersson", "SE"),
    p("Aoife Brennan", "aoife.brennan", "GB"),
    p("Lucas Ferreira", "lucas.ferreira", "BR"),
    p("Elif Demir", "elif.demir", "TR"),
    p("Viktor Petrov", "viktor.petrov", "RU"),
];

pub const SOURCES: &[&str] = &[
    "Indeed",
    "LinkedIn",
    "Career site",
    "Referral",
    "Job fair",
    "Glassdoor",
];
pub const SHIFTS: &[&str] = &["Mornings", "Evenings", "Weekends", "Nights", "Flexible"];
pub const REFERRERS: &[&str] = &["Maya Chen", "Tomás Ortega", "Keisha Brown", "Rafael Souza"];

pub const TAGS_POSITIVE: &[&str] = &[
    "Customer-focused",
    "Balanced approach",
    "Resourceful",
    "Calm under pressure",
    "Team player",
    "Detail-oriented",
    "Clear communicator",
    "Proactive",
    "Safety-minded",
];
pub const TAGS_NEGATIVE: &[&str] = &[
    "Needs coaching",
    "Vague examples",
    "Short answers",
    "Limited availability",
];

pub const BROWSERS: &[(&str, &str)] = &[
    ("Chrome 146", "Windows 10"),
    ("Chrome 146", "macOS 15"),
    ("Safari 19", "iOS 19"),
    ("Firefox 145", "Ubuntu 24.04"),
    ("Edge 146", "Windows 11"),
    ("Chrome 145", "Android 16"),
];
