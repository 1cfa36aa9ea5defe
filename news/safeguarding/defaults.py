# ruff: noqa: E501 (a pattern is one line; the admin shows them the same way)
r"""The patterns the site ships with, written for this campaign. The campaign edits its own copy in the admin
(Settings → Safeguarding patterns); these fill a category's patterns the first time it is read.

One pattern a line, a regular expression matched against the text after it is folded: lower case, look-alike
and invisible characters removed, curly quotes made straight, runs of spaces made one. ``#`` starts a comment
line. They look for the writer speaking of themselves ("he asked me", "I'm 13"), which is what tells a
disclosure from readers discussing abuse in general.
"""

from news.safeguarding.categories import PERSONAL_DETAILS, Category

PATTERNS = {
    Category.CHILD_DISCLOSURE: r"""
# A young person saying how old they are, with an adult in the story
\bi(?:'m| am) (?:only |just )?(?:[89]|1[0-7])\b(?! (?:years|yrs) (?:ago|since))
\bi(?:'m| am) in (?:year [5-9]|year 1[0-3]|(?:5|6|7|8|9|10|11)th grade|primary school|secondary school|high school)\b
# Being asked for pictures, to keep secrets, to meet
\b(?:he|she|they|a man|a guy|someone|somebody|this (?:man|guy|person)|my (?:step ?dad|dad|uncle|coach|teacher|mum's boyfriend|tutor)) (?:keeps |kept |has been |is |was )?(?:ask(?:s|ed|ing)?|want(?:s|ed)?|tell(?:s|ing)?|told|made|make(?:s)?|beg(?:s|ged)?|pressur(?:e|es|ed|ing)) me (?:to |for |into )?(?:send|sending|take|taking|show|showing)?\s?(?:him |her |them )?(?:pics|pictures|photos|nudes|selfies|videos|naked|my body)
\b(?:send|sent) (?:him|her|them) (?:pics|pictures|photos|nudes|videos)\b
\b(?:he|she|they) (?:said|says|told me) (?:it'?s|it is|to keep (?:it|this)) (?:our )?secret\b
\b(?:he|she|they|someone) (?:touch(?:es|ed)?|hurt(?:s)?|abus(?:es|ed)) me\b
\bi (?:met|am meeting|'m meeting|want to meet) (?:him|her|them|a man|someone) (?:from|i met) (?:online|the internet|a game|snapchat|instagram|tiktok|discord)
\b(?:threaten(?:s|ed|ing)?|going) to (?:share|post|send|show) (?:my|the) (?:pics|pictures|photos|videos)\b
""",
    Category.SELF_HARM: r"""
\bi (?:want|wanna|am going|'m going|plan|might|could) (?:to )?(?:kill|hurt|harm|cut) myself\b
\bi (?:want|wanna) to die\b
\b(?:end|ending|take|taking) my (?:own )?life\b
\bi (?:cut|hurt|harm) myself\b
\b(?:suicidal|suicide note|no reason to live|better off without me|can'?t go on|don'?t want to be here anymore)\b
""",
    Category.SEXUAL_INTEREST: r"""
\bi(?:'m| am)? (?:sexually )?attracted to (?:children|kids|minors|young (?:girls|boys)|(?:girls|boys) (?:under|aged))
\bmy (?:thoughts|feelings|urges|fantasies) about (?:children|kids|minors|young (?:girls|boys))\b
\bi (?:think|fear|worry|am worried|'m worried|'m scared|am scared) (?:that )?i (?:might|may|could|will) (?:offend|hurt a child|abuse)\b
\bi(?:'ve| have) (?:been )?(?:looking at|viewing|watching|downloading) (?:images|pictures|videos|material) of (?:children|kids|minors)\b
""",
    Category.ADULT_SURVIVOR: r"""
\b(?:when i was|as a) (?:a )?(?:child|kid|boy|girl|teenager|[4-9]|1[0-7])\b.{0,80}\b(?:abused|molested|raped|groomed|touched|assaulted)\b
\b(?:i was|i got) (?:sexually )?(?:abused|molested|raped|groomed|assaulted)\b
\bmy (?:abuser|rapist)\b
\b(?:abused|molested|raped|groomed) me when i was\b
""",
    Category.IDENTIFYING: r"""
# A named person with an age, a school or an accusation ("my neighbour John Smith is…")
\b(?:my|our) (?:neighbour|neighbor|teacher|coach|uncle|stepdad|step dad|cousin|babysitter|priest|vicar) [a-z]+ [a-z]+ (?:is|was|has been)\b
\b[a-z]+ [a-z]+,? (?:aged |age )?(?:[4-9]|1[0-7]),? (?:from|at|who goes to)\b
\b(?:the victim|the girl|the boy|the child) (?:is|was) (?:called|named)\b
\b(?:goes to|attends|pupil at|student at) [a-z' ]{2,40} (?:primary|secondary|high|grammar|junior|infant|academy|school)\b
""",
    Category.ABUSE_MATERIAL: r"""
\b(?:where|how) (?:can|do|to) (?:i|you|one) (?:find|get|download|buy|see|watch)\b.{0,40}\b(?:child|kid|teen|underage|young|preteen)\w* (?:porn|nudes|pics|pictures|videos|images)\b
\b(?:cp|csam|pthc|jailbait|preteen nudes)\b
\b(?:dm|message|pm) me for (?:pics|links|videos|content)\b
\b(?:link|links|folder|group) (?:to|with|of|for) (?:child|kid|underage|teen)\w* (?:porn|nudes|pics|videos|images)\b
""",
    PERSONAL_DETAILS: r"""
# UK postcodes
\b[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2}\b
# Street addresses: a house number and a kind of street
\b\d{1,4}[a-z]? [a-z' ]{2,30} (?:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|crescent|way|place|court|gardens|terrace|grove)\b
# School names
\b[a-z' .]{2,40} (?:primary|secondary|high|grammar|junior|infant|community|c of e|catholic) (?:school|academy)\b
\b[a-z' .]{2,40} academy\b
# Social-media handles
(?:^|[\s(])@[a-z0-9_][a-z0-9_.]{2,29}\b(?!\.[a-z])
\b(?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|kik|telegram|twitter)(?: (?:is|name|handle|username|id))? ?(?::|-|=) ?@?[a-z0-9_.]{3,30}\b
\b(?:add|follow|find|message|dm) me on (?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|kik|telegram)\b
""",
}

# Searches that look for abuse material: the search page shows the deterrence message first and keeps no log.
DETERRENCE_SEARCH_TERMS = r"""
\b(?:child|kid|teen|underage|preteen|young|little)\w* (?:porn|nudes?|sex|xxx)\b
\b(?:cp|csam|pthc|jailbait|lolita|loli)\b
\b(?:nude|naked) (?:child|children|kids|girls?|boys?|teens?)\b
"""
