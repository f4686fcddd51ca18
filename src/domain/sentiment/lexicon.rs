//! The word list: what each listed word does (a valence, or a part in the
//! rules: negator, booster, hedge, "but"), with its look-up through a hash
//! table built at compile time, and the valences of emoticons and emoji.
//! `LEXICON` is a data table; see the module above for how it was made.

use super::scorer::BOOST;

/// Longest word looked up, in bytes (the longest listed word has 16).
pub(super) const MAX_WORD: usize = 16;

/// What a listed word does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Word {
    /// Carries a valence from −4 to 4.
    Valence(f32),
    /// Carries a valence only with a negator before it ("doesn't work").
    WhenNegated(f32),
    /// Flips and damps the valence of what follows.
    Negator,
    /// A negator that is itself negative ("can't", "cannot").
    NegativeNegator(f32),
    /// Raises (positive) or lowers (negative) the intensity of what follows.
    Booster(f32),
    /// "kind", "sort": a diminisher when followed by "of", else a valence.
    Hedge(f32),
    /// "but", "however": shifts weight to the clause after it.
    Contrast,
}

use Word::*;

/// The word list, sorted by bytes for binary search.
#[rustfmt::skip]
pub(super) const LEXICON: &[(&str, Word)] = &[
    ("able", WhenNegated(1.1)), ("absolutely", Booster(BOOST)), ("absurd", Valence(-1.8)),
    ("abysmal", Valence(-3.0)), ("accurate", Valence(1.3)), ("accurately", Valence(1.2)),
    ("aint", Negator), ("almost", Booster(-BOOST)), ("amazing", Valence(2.8)),
    ("amazingly", Valence(2.6)), ("angry", Valence(-2.3)), ("annoyance", Valence(-1.8)),
    ("annoyed", Valence(-2.0)), ("annoying", Valence(-2.0)), ("annoyingly", Valence(-1.8)),
    ("annoys", Valence(-1.8)), ("appalling", Valence(-2.8)), ("appear", WhenNegated(1.1)),
    ("appearing", WhenNegated(1.1)), ("appears", WhenNegated(1.1)), ("appreciate", Valence(2.0)),
    ("appreciated", Valence(2.0)), ("arent", Negator), ("atrocious", Valence(-3.0)),
    ("awesome", Valence(3.1)), ("awesomeness", Valence(3.0)), ("awful", Valence(-3.0)),
    ("awfully", Booster(BOOST)), ("awkward", Valence(-1.3)), ("bad", Valence(-2.5)),
    ("badly", Valence(-2.1)), ("barely", Booster(-BOOST)), ("beautiful", Valence(2.9)),
    ("beautifully", Valence(2.7)), ("best", Valence(3.2)), ("better", Valence(1.9)),
    ("bit", Booster(-BOOST)), ("bland", Valence(-1.0)), ("bloated", Valence(-1.7)),
    ("blocked", Valence(-1.3)), ("blocker", Valence(-1.5)), ("blocking", Valence(-1.2)),
    ("boring", Valence(-1.3)), ("bother", Valence(-1.2)), ("bothering", Valence(-1.3)),
    ("bothers", Valence(-1.3)), ("bravo", Valence(2.4)), ("breaking", Valence(-1.6)),
    ("breaks", Valence(-1.8)), ("brilliant", Valence(2.8)), ("broke", Valence(-1.9)),
    ("broken", Valence(-2.3)), ("bug", Valence(-1.5)), ("bugged", Valence(-1.8)),
    ("buggy", Valence(-2.1)), ("bugs", Valence(-1.6)), ("but", Contrast),
    ("can't", NegativeNegator(-1.2)), ("cannot", NegativeNegator(-1.2)),
    ("cant", NegativeNegator(-1.2)), ("chaos", Valence(-1.8)), ("chaotic", Valence(-1.8)),
    ("cheers", Valence(1.2)), ("clean", Valence(1.0)), ("cleaner", Valence(1.3)),
    ("clearer", Valence(1.2)), ("clumsy", Valence(-1.4)), ("clunky", Valence(-1.8)),
    ("cluttered", Valence(-1.5)), ("complain", Valence(-1.5)), ("complaining", Valence(-1.5)),
    ("complaint", Valence(-1.4)), ("complaints", Valence(-1.4)), ("completely", Booster(BOOST)),
    ("complicated", Valence(-1.4)), ("concern", Valence(-0.9)), ("concerned", Valence(-1.1)),
    ("concerns", Valence(-0.9)), ("confused", Valence(-1.5)), ("confuses", Valence(-1.8)),
    ("confusing", Valence(-2.0)), ("confusion", Valence(-1.6)), ("congrats", Valence(2.4)),
    ("connect", WhenNegated(1.1)), ("connecting", WhenNegated(1.1)),
    ("connects", WhenNegated(1.1)), ("consistent", Valence(1.0)), ("convenient", Valence(1.7)),
    ("convoluted", Valence(-1.7)), ("cool", Valence(1.3)), ("correctly", WhenNegated(1.1)),
    ("corrupt", Valence(-2.1)), ("corrupted", Valence(-2.2)), ("corruption", Valence(-2.2)),
    ("couldnt", Negator), ("counterintuitive", Valence(-1.6)), ("crap", Valence(-2.2)),
    ("crappy", Valence(-2.4)), ("crash", Valence(-2.3)), ("crashed", Valence(-2.3)),
    ("crashes", Valence(-2.3)), ("crashing", Valence(-2.3)), ("crashy", Valence(-2.2)),
    ("critical", Valence(-0.8)), ("cumbersome", Valence(-1.6)), ("decent", Valence(1.0)),
    ("deeply", Booster(BOOST)), ("delay", Valence(-1.1)), ("delayed", Valence(-1.2)),
    ("delays", Valence(-1.2)), ("delighted", Valence(2.8)), ("delightful", Valence(2.8)),
    ("dependable", Valence(1.7)), ("despite", Negator), ("didnt", Negator),
    ("difficult", Valence(-1.5)), ("difficulty", Valence(-1.3)), ("disappointed", Valence(-2.1)),
    ("disappointing", Valence(-2.2)), ("disappointment", Valence(-2.3)),
    ("disappoints", Valence(-2.0)), ("disaster", Valence(-3.0)), ("disconnected", Valence(-1.1)),
    ("disconnects", Valence(-1.2)), ("dislike", Valence(-1.6)), ("disliked", Valence(-1.6)),
    ("dislikes", Valence(-1.6)), ("doesnt", Negator), ("dont", Negator),
    ("downtime", Valence(-1.6)), ("dreadful", Valence(-2.8)), ("dumb", Valence(-2.0)),
    ("ease", Valence(1.5)), ("easier", Valence(1.8)), ("easiest", Valence(2.0)),
    ("easily", Valence(1.5)), ("easy", Valence(1.9)), ("efficient", Valence(1.8)),
    ("efficiently", Valence(1.6)), ("elegant", Valence(2.1)), ("enjoy", Valence(2.2)),
    ("enjoyable", Valence(1.9)), ("enjoyed", Valence(2.3)), ("enjoying", Valence(2.4)),
    ("enormously", Booster(BOOST)), ("entirely", Booster(BOOST)), ("error", Valence(-1.5)),
    ("errors", Valence(-1.6)), ("especially", Booster(BOOST)), ("excellent", Valence(3.2)),
    ("exceptional", Valence(2.5)), ("exceptionally", Booster(BOOST)), ("excited", Valence(2.2)),
    ("exciting", Valence(2.2)), ("expensive", Valence(-1.2)), ("extremely", Booster(BOOST)),
    ("fabulous", Valence(2.4)), ("fail", Valence(-2.0)), ("failed", Valence(-2.0)),
    ("failing", Valence(-2.0)), ("fails", Valence(-2.0)), ("failure", Valence(-2.1)),
    ("failures", Valence(-2.1)), ("fairly", Booster(-BOOST)), ("fantastic", Valence(2.6)),
    ("fast", Valence(1.6)), ("faster", Valence(1.5)), ("fastest", Valence(1.7)),
    ("fatal", Valence(-2.0)), ("fault", Valence(-1.4)), ("faulty", Valence(-1.8)),
    ("favorite", Valence(2.0)), ("favourite", Valence(2.0)), ("fine", Valence(0.8)),
    ("fix", WhenNegated(1.1)), ("fixed", Valence(1.2)), ("flaky", Valence(-1.7)),
    ("flawless", Valence(2.8)), ("flawlessly", Valence(2.5)), ("flexible", Valence(1.4)),
    ("forever", Valence(-1.2)),
    ("freaking", Booster(BOOST)), ("freeze", Valence(-1.9)), ("freezes", Valence(-2.0)),
    ("freezing", Valence(-2.0)), ("friendly", Valence(1.8)), ("froze", Valence(-2.0)),
    ("frozen", Valence(-1.8)), ("frustrated", Valence(-2.1)), ("frustrates", Valence(-2.0)),
    ("frustrating", Valence(-2.2)), ("frustratingly", Valence(-2.0)),
    ("frustration", Valence(-2.1)), ("fucking", Booster(BOOST)), ("fully", Booster(BOOST)),
    ("fun", Valence(2.3)), ("furious", Valence(-2.9)), ("garbage", Valence(-2.4)),
    ("genius", Valence(2.4)), ("glad", Valence(2.0)), ("glitch", Valence(-1.5)),
    ("glitches", Valence(-1.6)), ("glitchy", Valence(-1.9)), ("good", Valence(1.9)),
    ("gorgeous", Valence(3.0)), ("grateful", Valence(2.0)), ("great", Valence(3.1)),
    ("greatly", Booster(BOOST)), ("hadnt", Negator), ("handy", Valence(1.6)),
    ("hang", Valence(-1.4)), ("hanging", Valence(-1.4)), ("hangs", Valence(-1.6)),
    ("happier", Valence(2.4)), ("happy", Valence(2.7)), ("hard", Valence(-0.8)),
    ("harder", Valence(-0.8)), ("hardly", Negator), ("hasnt", Negator), ("hassle", Valence(-1.7)),
    ("hate", Valence(-2.7)), ("hated", Valence(-2.7)), ("hates", Valence(-2.6)),
    ("hating", Valence(-2.5)), ("havent", Negator), ("headache", Valence(-1.7)),
    ("hell", Valence(-2.4)), ("help", WhenNegated(1.1)), ("helpful", Valence(1.9)),
    ("helps", Valence(1.2)), ("highly", Booster(BOOST)), ("hooray", Valence(2.4)),
    ("horrendous", Valence(-3.0)), ("horrible", Valence(-3.0)), ("horribly", Valence(-2.5)),
    ("however", Contrast), ("hugely", Booster(BOOST)), ("hung", Valence(-1.4)),
    ("ignored", Valence(-1.5)), ("ignoring", Valence(-1.4)), ("illegible", Valence(-1.6)),
    ("immensely", Booster(BOOST)), ("impossible", Valence(-2.0)), ("impressed", Valence(2.1)),
    ("impressive", Valence(2.3)), ("improved", Valence(1.8)), ("improves", Valence(1.4)),
    ("inaccurate", Valence(-1.6)), ("inconsistent", Valence(-1.3)),
    ("inconvenient", Valence(-1.5)), ("incorrect", Valence(-1.5)), ("incorrectly", Valence(-1.4)),
    ("incredible", Valence(2.6)), ("incredibly", Booster(BOOST)), ("inefficient", Valence(-1.6)),
    ("informative", Valence(1.3)), ("insanely", Booster(BOOST)), ("insecure", Valence(-1.6)),
    ("instant", Valence(1.0)), ("intuitive", Valence(2.0)), ("intuitively", Valence(1.8)),
    ("invalid", Valence(-1.0)), ("irritated", Valence(-1.9)), ("irritating", Valence(-2.0)),
    ("isnt", Negator), ("issue", Valence(-0.8)), ("issues", Valence(-0.9)),
    ("janky", Valence(-1.8)), ("junk", Valence(-2.0)), ("kind", Hedge(1.5)),
    ("kinda", Booster(-BOOST)), ("knowledgeable", Valence(1.5)), ("kudos", Valence(2.0)),
    ("lack", Valence(-1.2)), ("lacking", Valence(-1.4)), ("lacks", Valence(-1.3)),
    ("lag", Valence(-1.6)), ("lagging", Valence(-1.7)), ("laggy", Valence(-1.9)),
    ("lags", Valence(-1.7)), ("lame", Valence(-1.8)), ("leak", Valence(-1.4)),
    ("leaking", Valence(-1.4)), ("leaks", Valence(-1.4)), ("less", Booster(-BOOST)),
    ("lifesaver", Valence(2.5)), ("limited", Valence(-0.8)), ("limiting", Valence(-1.0)),
    ("little", Booster(-BOOST)), ("load", WhenNegated(1.1)), ("loading", WhenNegated(1.1)),
    ("loads", WhenNegated(1.1)), ("lose", Valence(-1.5)), ("loses", Valence(-1.6)),
    ("losing", Valence(-1.6)), ("loss", Valence(-1.8)), ("lost", Valence(-1.5)),
    ("love", Valence(3.0)), ("loved", Valence(2.9)), ("lovely", Valence(2.8)),
    ("loves", Valence(2.7)), ("loving", Valence(2.9)), ("mad", Valence(-2.0)),
    ("majorly", Booster(BOOST)), ("marginally", Booster(-BOOST)), ("massively", Booster(BOOST)),
    ("mediocre", Valence(-1.4)), ("meh", Valence(-0.7)), ("mess", Valence(-1.8)),
    ("messy", Valence(-1.6)), ("mildly", Booster(-BOOST)), ("misleading", Valence(-1.8)),
    ("miss", Valence(-1.0)), ("missed", Valence(-1.0)), ("missing", Valence(-1.2)),
    ("more", Booster(BOOST)), ("most", Booster(BOOST)), ("mostly", Booster(-BOOST)),
    ("neat", Valence(1.5)), ("neither", Negator), ("never", Negator), ("nice", Valence(1.8)),
    ("nicely", Valence(1.8)), ("nicer", Valence(1.8)), ("nightmare", Valence(-2.8)),
    ("no", Negator), ("nobody", Negator), ("none", Negator), ("nope", Negator), ("nor", Negator),
    ("not", Negator), ("nothing", Negator), ("nowhere", Negator),
    ("occasionally", Booster(-BOOST)), ("ok", Valence(0.9)), ("okay", Valence(0.9)),
    ("open", WhenNegated(1.1)), ("opening", WhenNegated(1.1)), ("opens", WhenNegated(1.1)),
    ("outage", Valence(-2.0)), ("outages", Valence(-2.0)), ("outdated", Valence(-1.3)),
    ("outstanding", Valence(3.0)), ("overcomplicated", Valence(-1.8)),
    ("overpriced", Valence(-2.0)), ("overwhelming", Valence(-1.3)), ("pain", Valence(-1.9)),
    ("painful", Valence(-2.1)), ("painfully", Booster(BOOST)), ("partially", Booster(-BOOST)),
    ("particularly", Booster(BOOST)), ("partly", Booster(-BOOST)), ("pathetic", Valence(-2.6)),
    ("perfect", Valence(2.7)), ("perfectly", Valence(2.3)), ("phenomenal", Valence(2.8)),
    ("pleasant", Valence(2.0)), ("pleased", Valence(1.9)), ("pleasure", Valence(2.0)),
    ("pointless", Valence(-2.0)), ("polished", Valence(1.7)), ("poor", Valence(-2.1)),
    ("poorly", Valence(-2.0)), ("powerful", Valence(1.7)), ("practical", Valence(1.2)),
    ("precise", Valence(1.2)), ("pretty", Booster(BOOST)), ("pricey", Valence(-1.0)),
    ("problem", Valence(-1.5)), ("problematic", Valence(-1.8)), ("problems", Valence(-1.6)),
    ("properly", WhenNegated(1.1)), ("quick", Valence(1.3)), ("quicker", Valence(1.3)),
    ("quickly", Valence(1.1)), ("quite", Booster(BOOST)), ("rarely", Negator),
    ("really", Booster(BOOST)), ("recommend", Valence(1.5)), ("recommended", Valence(1.5)),
    ("recommending", Valence(1.5)), ("refund", Valence(-1.0)), ("regressed", Valence(-1.5)),
    ("regression", Valence(-1.5)), ("regret", Valence(-1.8)), ("reliable", Valence(1.9)),
    ("reliably", Valence(1.6)), ("remarkably", Booster(BOOST)), ("resolved", Valence(1.3)),
    ("respond", WhenNegated(1.1)), ("responding", WhenNegated(1.1)),
    ("responds", WhenNegated(1.1)), ("responsive", Valence(1.5)), ("ridiculous", Valence(-2.0)),
    ("ridiculously", Booster(BOOST)), ("robust", Valence(1.7)), ("rubbish", Valence(-2.2)),
    ("rude", Valence(-2.0)), ("sad", Valence(-1.8)), ("sadly", Valence(-1.5)),
    ("safe", Valence(1.2)), ("satisfied", Valence(1.8)), ("satisfying", Valence(2.0)),
    ("save", WhenNegated(1.1)), ("saves", WhenNegated(1.1)), ("saving", WhenNegated(1.1)),
    ("scarcely", Negator), ("seamless", Valence(2.0)), ("seamlessly", Valence(2.0)),
    ("secure", Valence(1.3)), ("seldom", Negator), ("seriously", Booster(BOOST)),
    ("severe", Valence(-1.7)), ("severely", Valence(-1.5)), ("shame", Valence(-1.8)),
    ("shameful", Valence(-2.2)), ("shit", Valence(-2.6)), ("shouldnt", Negator),
    ("show", WhenNegated(1.1)), ("showing", WhenNegated(1.1)), ("shows", WhenNegated(1.1)),
    ("silly", Valence(-1.0)), ("simple", Valence(1.2)), ("simpler", Valence(1.3)),
    ("sleek", Valence(1.6)), ("slick", Valence(1.5)), ("slightly", Booster(-BOOST)),
    ("slow", Valence(-1.6)), ("slowdown", Valence(-1.5)), ("slowdowns", Valence(-1.5)),
    ("slower", Valence(-1.6)), ("slowly", Valence(-1.2)), ("slowness", Valence(-1.5)),
    ("sluggish", Valence(-1.7)), ("smooth", Valence(1.7)), ("smoother", Valence(1.7)),
    ("smoothly", Valence(1.7)), ("snappy", Valence(1.8)), ("so", Booster(BOOST)),
    ("solid", Valence(1.5)), ("solved", Valence(1.5)), ("solves", Valence(1.4)),
    ("somewhat", Booster(-BOOST)), ("sort", Hedge(0.0)), ("sorta", Booster(-BOOST)),
    ("spam", Valence(-1.5)), ("spammy", Valence(-1.7)), ("speedy", Valence(1.5)),
    ("stable", Valence(1.3)), ("start", WhenNegated(1.1)), ("starting", WhenNegated(1.1)),
    ("starts", WhenNegated(1.1)), ("stellar", Valence(2.8)), ("straightforward", Valence(1.5)),
    ("strange", Valence(-0.8)), ("struggle", Valence(-1.6)), ("struggled", Valence(-1.6)),
    ("struggling", Valence(-1.7)), ("stuck", Valence(-1.6)), ("stupid", Valence(-2.4)),
    ("success", Valence(2.0)), ("successful", Valence(1.9)), ("successfully", Valence(1.6)),
    ("suck", Valence(-2.0)), ("sucked", Valence(-2.0)), ("sucks", Valence(-2.3)),
    ("super", Booster(BOOST)), ("superb", Valence(3.1)), ("supportive", Valence(1.7)),
    ("sync", WhenNegated(1.1)), ("syncing", WhenNegated(1.1)), ("syncs", WhenNegated(1.1)),
    ("tedious", Valence(-1.7)), ("terrible", Valence(-3.0)), ("terribly", Valence(-2.4)),
    ("terrific", Valence(2.8)), ("thank", Valence(1.5)), ("thankful", Valence(2.0)),
    ("thanks", Valence(1.9)), ("thoroughly", Booster(BOOST)), ("thrilled", Valence(2.6)),
    ("thx", Valence(1.5)), ("tidy", Valence(1.2)), ("timeout", Valence(-1.4)),
    ("timeouts", Valence(-1.4)), ("too", Booster(BOOST)), ("totally", Booster(BOOST)),
    ("trash", Valence(-2.2)), ("tremendously", Booster(BOOST)), ("truly", Booster(BOOST)),
    ("ugh", Valence(-1.8)), ("ugly", Valence(-2.2)), ("unable", Valence(-1.5)),
    ("unacceptable", Valence(-2.7)), ("unbelievably", Booster(BOOST)), ("unclear", Valence(-1.3)),
    ("unexpected", Valence(-1.0)), ("unexpectedly", Valence(-1.0)), ("unfortunate", Valence(-1.5)),
    ("unfortunately", Valence(-1.4)), ("unhappy", Valence(-2.0)), ("unhelpful", Valence(-2.0)),
    ("unintuitive", Valence(-2.0)), ("unnecessary", Valence(-1.0)),
    ("unprofessional", Valence(-1.9)), ("unreadable", Valence(-1.8)),
    ("unreliable", Valence(-2.1)), ("unresolved", Valence(-1.3)), ("unresponsive", Valence(-2.0)),
    ("unsafe", Valence(-1.8)), ("unstable", Valence(-1.9)), ("unusable", Valence(-2.8)),
    ("upset", Valence(-1.9)), ("urgent", Valence(-0.9)), ("urgently", Valence(-0.9)),
    ("useful", Valence(1.9)), ("useless", Valence(-2.4)), ("utterly", Booster(BOOST)),
    ("valuable", Valence(2.0)), ("versatile", Valence(1.5)), ("very", Booster(BOOST)),
    ("vulnerability", Valence(-1.4)), ("wasnt", Negator), ("waste", Valence(-2.0)),
    ("wasted", Valence(-2.0)), ("wasting", Valence(-2.0)), ("way", Booster(BOOST)),
    ("weird", Valence(-1.0)), ("werent", Negator), ("without", Negator),
    ("wonderful", Valence(2.7)), ("wonderfully", Valence(2.5)), ("wonky", Valence(-1.4)),
    ("wont", Negator), ("woohoo", Valence(2.3)), ("work", WhenNegated(1.3)),
    ("worked", Valence(1.0)), ("working", WhenNegated(1.3)), ("works", Valence(1.3)),
    ("worried", Valence(-1.4)), ("worries", Valence(-1.2)), ("worry", Valence(-1.2)),
    ("worse", Valence(-2.1)), ("worst", Valence(-3.1)), ("worth", Valence(0.9)),
    ("worthless", Valence(-2.5)), ("worthwhile", Valence(1.5)), ("wouldnt", Negator),
    ("wow", Valence(2.0)), ("wrong", Valence(-2.0)), ("wtf", Valence(-2.5)), ("yay", Valence(2.4)),
    ("zero", Negator),
];

/// A word of up to [`MAX_WORD`] bytes as one integer: its bytes big-endian,
/// zero-padded, so that integers compare like the words' bytes.
pub(super) const fn key(word: &[u8]) -> u128 {
    let mut bytes = [0u8; MAX_WORD];
    let mut i = 0;
    while i < word.len() && i < MAX_WORD {
        bytes[i] = word[i];
        i += 1;
    }
    u128::from_be_bytes(bytes)
}

/// The keys of [`LEXICON`]'s words, in the same (sorted) order: comparing
/// integers is much cheaper than comparing strings.
pub(super) static KEYS: [u128; LEXICON.len()] = {
    let mut keys = [0; LEXICON.len()];
    let mut i = 0;
    while i < LEXICON.len() {
        keys[i] = key(LEXICON[i].0.as_bytes());
        i += 1;
    }
    keys
};

/// Bits of the hash table's index: 2,048 slots for some 550 words keeps
/// nearly every look-up to one probe.
const TABLE_BITS: u32 = 11;

/// A 64-bit hash of a key.
const fn hash(key: u128) -> u64 {
    let folded = (key >> 64) as u64 ^ (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    folded.wrapping_mul(0xFF51_AFD7_ED55_8CCD)
}

/// Where a key goes in [`TABLE`]: the top bits of its hash.
pub(super) const fn slot(key: u128) -> usize {
    (hash(key) >> (64 - TABLE_BITS)) as usize
}

/// Bits of [`FILTER`]'s index.
const FILTER_BITS: u32 = 14;

/// One bit for each value of the top [`FILTER_BITS`] bits of a hash, set
/// when a listed word's hash has it. Most words are not listed, and with
/// 16,384 bits (2 KB) for some 550 words all but one in thirty of them stop
/// here. In [`TABLE`] alone one in four found their slot taken and went on
/// to compare keys, and the branch on that was often mispredicted: varied
/// 20-word items took about 0.41 µs, with the filter 0.33 µs.
static FILTER: [u64; 1 << (FILTER_BITS - 6)] = {
    let mut filter = [0u64; 1 << (FILTER_BITS - 6)];
    let mut i = 0;
    while i < LEXICON.len() {
        let f = (hash(KEYS[i]) >> (64 - FILTER_BITS)) as usize;
        filter[f / 64] |= 1 << (f % 64);
        i += 1;
    }
    filter
};

/// An open-addressing hash table over [`KEYS`], built at compile time: each
/// slot holds a word's index plus one, or 0 when empty; a key that collides
/// goes to the next free slot.
pub(super) static TABLE: [u16; 1 << TABLE_BITS] = {
    let mut table = [0u16; 1 << TABLE_BITS];
    let mut i = 0;
    while i < LEXICON.len() {
        let mut s = slot(KEYS[i]);
        while table[s] != 0 {
            s = (s + 1) & ((1 << TABLE_BITS) - 1);
        }
        table[s] = i as u16 + 1;
        i += 1;
    }
    table
};

/// What a listed word does, if it is listed; `key` is the [`key`] of the
/// lower-case word. With a binary search over the strings a 20-word item
/// took about 2.2 µs, over [`KEYS`] 1.3 µs, with this table 0.45 µs
/// (release build; see the `timing` test).
pub(super) fn lookup(key: u128) -> Option<Word> {
    let f = (hash(key) >> (64 - FILTER_BITS)) as usize;
    if FILTER[f / 64] >> (f % 64) & 1 == 0 {
        return None;
    }
    let mut s = slot(key);
    loop {
        let i = usize::from(TABLE[s]).checked_sub(1)?;
        if KEYS[i] == key {
            return Some(LEXICON[i].1);
        }
        s = (s + 1) & ((1 << TABLE_BITS) - 1);
    }
}

/// The valence of an emoji, if it has one.
pub(super) fn emoji(c: char) -> Option<f32> {
    Some(match c {
        '🙂' => 1.5,
        '😊' | '😀' | '😃' | '😄' | '😁' | '👏' | '🙌' => 2.0,
        '😍' | '🥰' => 2.7,
        '🤩' => 2.5,
        '😎' | '🙏' | '🚀' => 1.5,
        '👍' | '💯' => 1.8,
        '🎉' | '🥳' => 2.2,
        '❤' => 2.5,
        '😕' => -1.2,
        '🙁' | '😟' | '😒' | '🤦' => -1.5,
        '☹' | '😞' | '😤' => -1.8,
        '😢' | '😩' | '😫' | '👎' => -2.0,
        '😭' | '💩' => -2.2,
        '😠' => -2.3,
        '🤮' => -2.5,
        '😡' => -2.6,
        '🤬' => -3.0,
        _ => return None,
    })
}

/// The valence and length of an ASCII emoticon starting at `i`, if one does:
/// ":)", ":-)", ";)", ":D", ":-D", ":(", ":-(", ":'(", ":/".
pub(super) fn emoticon(b: &[u8], i: usize) -> Option<(f32, usize)> {
    let rest = &b[i..];
    let eyes = *rest.first()?;
    if eyes != b':' && eyes != b';' {
        return None;
    }
    let tear = rest.get(1) == Some(&b'\'');
    let k = if tear || rest.get(1) == Some(&b'-') {
        2
    } else {
        1
    };
    let word_after = rest.get(k + 1).is_some_and(u8::is_ascii_alphanumeric);
    let word_before = i > 0 && b[i - 1].is_ascii_alphanumeric();
    let valence = match rest.get(k)? {
        b')' if !tear => {
            if eyes == b';' {
                1.2
            } else {
                1.8
            }
        }
        b'D' if !tear && eyes == b':' && !word_after => 2.2,
        b'(' if tear => -2.2,
        b'(' => -1.8,
        // Not "http://" nor "C:/".
        b'/' if !tear && eyes == b':' && !word_before && rest.get(k + 1) != Some(&b'/') => -1.2,
        _ => return None,
    };
    Some((valence, k + 1))
}
