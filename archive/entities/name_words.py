"""The words around and inside people's names, as English writes them.

Titles and roles before a name ('Prime Minister', 'Boss', 'Rapper'), honours after it
(QC, OBE), grammar words that open sentences but never names, family-name particles, and
the last words that make a capitalised run an organization's or a place's name
('... Airways', '... Rovers'). General vocabulary only: no entry is here because a text
of the development material uses it.
"""

from __future__ import annotations

import functools
import re


def _letters(test) -> str:
    """A regex character class of the Latin, Greek and Cyrillic letters that pass ``test``."""
    blocks = [(0x41, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF)]
    return "[" + "".join(re.escape(chr(c)) for a, b in blocks for c in range(a, b + 1) if test(chr(c))) + "]"


# A capital and a small letter of any of those alphabets ('Šarić', 'Đỗ', 'Özil'), for patterns of names.
UPPER = _letters(lambda c: c.isupper() or c.istitle())
LOWER = _letters(str.islower)

# Words that precede a name without being part of it.
TITLES = frozenset(
    "mr mrs ms miss dr mme madame monsieur sir dame lady lord prof professor president presidents "
    "prime minister ministers foreign deputy secretary general chancellor king queen prince princess "
    "senator sen rep representative governor gov mayor judge justice ambassador chairman chairwoman chief "
    "executive ceo pope sheikh colonel col gen lt lieutenant captain capt major sgt sergeant commander "
    "admiral archbishop bishop rev reverend father coach manager director speaker vice premier defence "
    "defense interior finance economy health culture sports trade labour home shadow leader spokesman "
    "spokeswoman spokesperson mp former ex acting opposition tory labor the late then new top "
    "striker midfielder defender goalkeeper champion actor actress singer star veteran rival "
    "affairs state chairperson commissioner envoy emir ayatollah cardinal saint st dj consort "
    "alhaji alhaja haji hajji hajia hajiya datuk dato datin ratu sheikha mallam taoiseach tánaiste tanaiste "
    # Police ranks as news writes them before a name ('ACP Rolle', 'Det Insp Moss', 'PC Hale').
    "assistant acp asp dsp ssp dcp dc ds dci "
    # Honorifics of other traditions ('Cde' Zimbabwe's comrade, Burmese 'Daw', Malay 'Puan', 'Datuk
    # Seri'), and the short forms news writes before a name ('Hon', 'PM', 'Shri', 'Engr'). Not Malay
    # 'Tun': in Burmese names it is a name ('Tun Tun Naing').
    "cde comrade daw puan encik seri hon honourable honorable madam pm shri smt shrimati engr "
    "det supt snr insp cpl pc pte garda trooper marshal chaplain "
    # A candidate's party or none, before the name ('Independent Ann Lowe', 'Republican Tom Hale').
    "independent republican republicans democrat democrats conservative liberal socialist "
    # Offices, orders and honorifics written before a name across traditions: Irish 'TD', members of
    # provincial and state houses ('MPP', 'MLA', 'MNA', 'MHA', 'MLC'), Malaysian 'Panglima', Maltese
    # 'Perit' (an architect), councillors
    # ('Cllr', 'Clr', 'Cr', 'Coun'), royalty ('His Majesty'), clergy ('Fr', 'Msgr', 'Canon', 'Imam'), Swahili
    # 'Mzee' and 'Mwalimu', Filipino 'Aling' and 'Mang', Indonesian 'Ibu', Thai 'Khun', Malay 'Tengku', 'Ustaz',
    # 'Hajah' and 'Cikgu' (teacher), South African 'Adv', a school's head, a public prosecutor ('DPP'). Not
    # those that are names too: Burmese 'Ko', 'Ma' and 'U', Swahili 'Bi', Indonesian 'Bu' and
    # 'Pak' (Korean 'Pak'), 'Raja', 'Sultan', 'Pandit', 'Pastor' ('Pastor Maldonado'), Yoruba
    # 'Oba', Igbo 'Igwe'.
    "majesty highness excellency holiness eminence "
    "td mla mpp mna mha mlc mep msp cllr cllrs cr crs coun councillor councilman councilwoman alderman assemblyman assemblywoman "
    "congressman congresswoman fr msgr mgr canon imam rabbi mufti swami deacon officer clr dpp "
    "brig brigadier cmdr maj adm pvt atty adv magistrate mzee mwalimu aling mang ibu bapak khun "
    "tengku tunku ustaz ustazah hajah cikgu headteacher headmaster headmistress panglima perit "
    # Roles that news writes before a name, capitalised when they open a sentence ('Boss Sir Owen Marlow said').
    "boss skipper winger forward keeper fullback full-back flanker fly-half flyhalf scrum-half scrumhalf centre prop hooker "
    "batsman bowler spinner all-rounder opener pitcher quarterback jockey trainer cyclist sprinter "
    "rookie substitute teammate compatriot countryman guitarist drummer bassist rapper frontman "
    "songwriter producer author writer novelist poet playwright comedian presenter host anchor "
    "journalist reporter correspondent editor columnist analyst economist lawyer attorney barrister "
    "solicitor prosecutor detective inspector officer constable superintendent sheriff activist "
    "campaigner candidate challenger incumbent nominee founder owner businessman businesswoman tycoon "
    "billionaire entrepreneur designer filmmaker photographer artist dancer chef nurse surgeon doctor "
    "scientist researcher teacher student mother son daughter wife husband brother sister widow".split()
)
# Malay titles of two words whose first is a surname elsewhere ('Tan Sri', but 'Tan Chee Keong').
TWO_WORD_TITLES = frozenset(
    {("tan", "sri"), ("puan", "sri"), ("toh", "puan"), ("menteri", "besar"), ("mentri", "besar")}
    | {(title, "sri") for title in ("dato", "datuk", "datin")} | {(title, "seri") for title in ("dato", "datuk", "datin")}
    # Thai police ranks: 'Pol' before a military one ('Pol Lt Col', 'Pol Gen'); not alone ('Pol Pot').
    | {("pol", rank) for rank in "gen lt col maj capt sgt cpl snr sub-lt".split()}
)
# Nouns for people that are neither titles nor trades: 'Ana Lima, a local resident,'.
PERSON_NOUNS = frozenset(
    "man woman boy girl expert official resident farmer miner worker member fan graduate native pupil "
    "volunteer survivor victim witness suspect defendant preacher mother father grandmother grandfather "
    "aunt uncle cousin niece nephew friend neighbour neighbor grandad granddad grandpa grandma granny "
    "laureate poet novelist author writer artist".split()
)
# Last words of places that are surnames too ('Vahdat Hall', but 'Arsenio Hall'): a place's only after
# a preposition of place or in a longer name ('Cesar Chavez Park').
PLACE_OR_SURNAME = frozenset("park hall bay way lane field fields".split())
# Lower-case nouns after a name that make it a place's or a thing's ('the Ana Lima music school').
FACILITY_NOUNS = frozenset(
    "airport school hospital museum stadium street avenue road bridge station university college park square "
    "hall library centre center institute foundation prize award trophy cup medal memorial highway building "
    "theatre theater arena port dam lake river island boulevard observatory studio studios gallery "
    "shrine temple mosque church cathedral chapel monastery pagoda".split()
)
# What stands before a ship's name or a storm's ('MV Glen Sannox', 'Cyclone Winston').
VESSEL_AND_STORM = frozenset(
    "MV MS MY SS RMS RRS HMS HMAS HMCS HMNZS USS USNS CCGS RV FV INS Storm Hurricane Cyclone Typhoon".split()
)
# Titles that say a person follows, unlike 'former', 'foreign' or 'the', which only may.
ROLES = TITLES - frozenset(
    "the new former ex acting then late top foreign deputy vice general state affairs home shadow "
    "opposition interior finance economy health culture sports trade labour labor defence defense tory "
    "prime chief executive st saint veteran rival star centre forward prop lock host".split()
)
# Honours and offices written after a name ('Ann Lowe OBE', 'Tom Hale MP').
# Counsel ('SC', Nigeria's 'SAN', an Irish barrister's 'BL'), members of legislatures ('MLC', 'MPP',
# 'MNA', 'MHA'), a justice of the peace, Australian and New Zealand honours, an Irish parish priest's 'PP', and a Theravada monk's
# 'Thera' or 'Thero' ('Ven. Ihalagama Sumanatissa Thera').
POST_NOMINALS = frozenset(
    "OBE MBE CBE KBE DBE GBE QC KC SC SAN BL MP MEP MSP MLA MLC MPP MNA MHA TD JP AM AO OAM MNZM ONZM CNZM PhD MD PP "
    "Thera Thero".split()
)
# Only endings no given name has: '-er', '-man' or '-ian' would take 'Spencer', 'Osman' or 'Julian'.
DESCRIPTOR_ENDING = re.compile(r"(?:ist|ician|grapher|ologist|eer|ster)s?\Z")
# Words of grammar that open a sentence, never a name ('Instead Trask scored', 'Without Frontiers').
FUNCTION_WORDS = frozenset(
    "a an the this that these those my your his her its our their some any every each both either neither another "
    "with without within from for into onto upon after before under over between against among through "
    "during despite towards toward across behind beyond except instead meanwhile however although though "
    "while whereas unless until since because if then thus hence also yet so but and or nor in on at of to as by "
    "inside outside near beside besides around along amid amidst beneath below above throughout via unlike"
    .split()
)
PARTICLES = frozenset(
    "de da di del della van von der den bin bint binti ibn al el la le los las du dos das ter ben y abu arap ole ap zu "
    # Malaysian and Singaporean Indian names: 'a/l' and 's/o' (son of), 'a/p' and 'd/o' (daughter of).
    "a/l a/p s/o d/o "
    # Iban and other Sarawak names: 'anak' (child of) before the father's name; Kikuyu 'wa' (of).
    "anak wa".split()
)
# One capitalised word of a name ('Okafor-Dunne', "O'Neill", 'McAdam'), and the particles
# between a name's words as one alternation, longest first ('van der' before 'van'), for patterns.
NAME_WORD = rf"(?:Ma?c(?={UPPER}))?{UPPER}{LOWER}+(?:['’-](?!s(?![^\W_])){UPPER}?{LOWER}+)*"
PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
# A participle joined to a name by a hyphen: 'the Ann Lowe-trained filly', 'a Tom Hale-led review'.
JOINED_PARTICIPLE = r"-([a-z]{2,}(?:ed|en))"
# The last words of firms' names ('... Holdings', '... Technologies', '... GmbH').
COMPANY_WORDS = frozenset(
    "inc ltd corp plc co ag gmbh sa nv bv ab oy bhd tbk llc limited holdings "
    "mining network industries motors securities partners associates systems technologies "
    "energy oil gas steel resources communications motor financial investments insurance "
    "properties airways airlines logistics pharmaceuticals chemicals electronics telecom media publishing brands "
    "foods enterprises ventures solutions software laboratories labs services advisors advisers capital"
    .split()
)
# A last word that shows the span names an organization or a place, not a person ('Privacy Policy').
ORG_AND_PLACE_WORDS = COMPANY_WORDS | frozenset(
    "group ministry party council union university club association agency bank policy fc "
    "army navy corps force forces guard department "
    "institute foundation fund news times post street square avenue road stadium cup award "
    "awards prize league committee commission school college hospital church station river valley lake "
    "mountain mountains island islands hills bridge airport hotel centre center palace tower museum "
    "cathedral mosque temple synagogue shrine stadium arena open championship championships games trophy medal "
    "stakes handicap memorial "
    "foreign spa international prison jail infirmary clinic "
    "digital magazine record records theater theatre st "
    # Places and buildings named after people ('Cesar Chavez Library', 'Meadow Drive').
    "observatory causeway highway boulevard drive library elementary academy studios gardens dock docks links "
    "oval coliseum racing gaming house square index average faculty "
    # Divisions of a country and other places' kinds ('... State', '... Local Municipality', '... Base').
    "state province region district municipality republic township twp village suburb borough emirate "
    "oblast raion krai voivodeship regency shire lakes market cemetery police society festival "
    "governorate prefecture desert campus ground grounds base "
    # ...and football clubs' ('Harbour Rovers', 'Vale Athletic').
    "town city united athletic rovers wanderers county albion rangers "
    # Places' kinds in South Asian and Turkish names, last ('Lakshmi Chowk', 'Shad Bagh', 'Gandhi Nagar').
    "chowk bagh nagar ganj mandi bazaar bazar mohalla colony caddesi sokak mahallesi "
    # ...and roads' ('Anna Salai', 'Netaji Subhash Marg'), and chapels ('Bethel Chapel').
    "salai marg chapel "
    # Firms' and services' trades ('Mercy Health', 'Harbour Builders', 'Cove Seafoods'), a trophy's
    # ('the Carrick Shield'), and schools' sides ('Rotorua Girls').
    "health healthcare renewables builders construction seafoods bakehouse bakery brewery distillery dairy "
    "farms cooperative transport transit utilities shield girls boys "
    # Bodies' and places' kinds more ('Tea Authority', "President's Malaria Initiative", 'Kakua Chiefdom',
    # 'Al Barsha Heights', 'Umzingwane Dam', 'Balluta Buildings').
    "authority initiative movement chiefdom lagoon heights dam buildings institution metro mill bypass "
    "cement railway railways trains"
    .split()
)
# First words that make a name a place's: English ('Mount Kenya', 'Lake Volta', 'Cape Coast',
# 'Fort Portal'), Malay and Indonesian ('Jalan Kapar', 'Kampung Jawa', 'Kuala Langat', 'Taman Sri
# Andalas'), Thai ('Mueang Phrae', 'Amphoe ...', 'Tambon ...'), Spanish and Portuguese ('Cerro
# Pachón', 'Calle Mayor', 'Rua Augusta', 'Jardim ...'), Polish and Romanian streets ('ulica ...',
# 'aleja ...', 'Calea ...', 'Strada ...'), Filipino 'Barangay', Arabic 'Wadi' and 'Jebel'. Not those
# that open people's names too ('Rio', 'Villa', 'San', 'Plaza', 'Tanjung', 'Port').
# First words of institutions' names in Malay and Indonesian, which name the kind first
# ('Universiti Tunku Abdul Rahman', 'Masjid Sultan Salahuddin'); not 'Hospital' or 'Stadium',
# English words that open headlines ('Hospital Chief Ana Lima Resigns'). So do other languages'
# schools, halls, councils and churches: Welsh ('Ysgol', 'Neuadd', 'Cyngor', 'Capel'), Irish
# ('Scoil', 'Coláiste', 'Cumann', 'Comhairle'), French, Spanish, Portuguese and Italian ('Lycée',
# 'Colegio', 'Escola', 'Liceo', 'Estadio'), Afrikaans ('Hoërskool'), Māori ('Kura', 'Marae').
INSTITUTION_OPENERS = frozenset(
    "universiti universitas sekolah kolej politeknik institut masjid "
    "ysgol neuadd cyngor capel eglwys canolfan prifysgol coleg "
    "scoil gaelscoil gaelcholáiste coláiste cumann comhairle ospidéal "
    "lycée collège université école colegio escuela universidad estadio escola colégio estádio liceo stadio "
    "ospedale università hoërskool laerskool kura marae".split()
)
PLACE_OPENERS = frozenset(
    "mount mt lake cape fort "
    "jalan lorong kampung kampong taman bandar kuala sungai bukit gunung pulau desa "
    "mueang amphoe tambon "
    "cerro calle avenida barrio rua praça jardim ulica aleja calea strada bulevardul barangay wadi jebel jabal bab "
    # Neighbourhoods and hamlets: Mexican 'Colonia', Filipino 'Sitio' and 'Purok', French 'Cité',
    # Portuguese 'Bairro' and 'Morro'.
    "colonia fraccionamiento sitio purok cité bairro morro "
    # A town's or a district's part: 'Upper Ncema', 'Lower Shabelle'.
    "upper lower".split()
)
# ...and a span ending in a day or a month: 'Ann Lowe Monday' names no one in full.
THING_WORDS = ORG_AND_PLACE_WORDS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december".split()
)


@functools.cache
def occupations() -> frozenset[str]:
    """The words of Faker's list of occupations ('musician', 'treasurer'): well kept, and on disk."""
    from faker.providers.job.en_US import Provider as Jobs

    words = {word.strip(",()").lower() for job in Jobs.jobs for word in job.split()}
    return frozenset(word for word in words if len(word) > 3 and word.isalpha())
