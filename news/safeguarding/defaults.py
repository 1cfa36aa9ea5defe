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
# A young person giving their age or school year, with someone asking, hurting, paying or threatening them
\b(?:i'?m|i am|we'?re|we are|are both|were both) (?:only |just |still )?(?:[89]|1[0-7]|in year (?:[3-9]|1[0-3])|at (?:primary|secondary|high) school)\b(?! ?(?:years|yrs|months|weeks|days|hours|mins|minutes|%|am\b|pm\b|:|/|\.\d|,\d)).{0,150}?\b(?:ask|want|tell|told|make|made|making|beg|pressur|forc|touch|hurt|threaten|blackmail|messag|pay|paid|giv|gave|send|sent|groom|film|follow|trick|bribe)\w* (?:me|us)\b
\b(?:ask|want|tell|told|make|made|making|beg|pressur|forc|touch|hurt|threaten|blackmail|messag|pay|paid|giv|gave|groom|film|follow|trick|bribe)\w* (?:me|us)\b.{0,150}?\b(?:i'?m|i am|we'?re|we are|are both) (?:only |just |still )?(?:[89]|1[0-7]|in year (?:[3-9]|1[0-3])|at (?:primary|secondary|high) school)\b(?! ?(?:years|yrs|months|weeks|days|%))
\bmy (?:boyfriend|girlfriend|bf|gf) is (?:1[89]|[2-9]\d)\b.{0,40}?\bi'?m (?:only )?(?:1[0-5])\b
\bi'?m an? (?:girl|boy),? (?:aged )?(?:[89]|1[0-7])\b.{0,150}?\b(?:him|his|he|man|coach|teacher|older|adult)\b
# A young person giving their age and asking what to do about a man, an adult or someone older
\b(?:i'?m|i am|im) (?:only |just |still )?(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|in (?:year|yr|y) ?(?:[3-9]|1[0-3]))\b(?! ?(?:years|yrs|months|weeks|days|hours|mins|minutes|%|am\b|pm\b|:|/)).{0,150}?\b(?:a man|grown|older|adult|stranger|someone (?:online|on|from|keeps|has|is|wants|asked|said|says|sent)|somebody (?:online|keeps|has|is|wants)|what (?:do|should|can) i do|should i tell|don'?t know what to do|who to tell|help me|i'?m scared|really scared|so scared|frightened of|a guy|(?:video|photo|pic|picture)s? of me|hand on my|underwear|mature for my age|knows my school|delete (?:them|it|the messages)|his number|his favourite)\b
\b(?:a man|grown|older|adult|stranger|someone (?:online|on|from|keeps|has|is|wants|asked|said|says|sent)|somebody (?:online|keeps|has|is|wants)|what (?:do|should|can) i do|should i tell|don'?t know what to do|who to tell|help me|i'?m scared|really scared|so scared|frightened of|a guy|(?:video|photo|pic|picture)s? of me|hand on my|underwear|mature for my age|knows my school|delete (?:them|it|the messages)|his number|his favourite)\b.{0,150}?\b(?:i'?m|i am|im) (?:only |just |still )?(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|in (?:year|yr|y) ?(?:[3-9]|1[0-3]))\b(?! ?(?:years|yrs|months|weeks|days|%))
# Being asked for pictures, a video call, to undress, to meet or to come over
\b(?:ask|want|beg|pressur|tell|told|get|got|keeps? asking|trick|persuad|convinc|dar)\w* (?:me|us) (?:to |for |into )?(?:[\w']+ ){0,4}?(?:pics?|pictures?|photos?|nudes|selfies?|videos?|video call|facetime|naked|undress\w*|take (?:my|off)|top off|clothes off)\b
\b(?:wants?|wanted|asked|asking|asks|keeps? asking|begging|told) me to meet (?:him|her|them|up)\b
\bi (?:met|am meeting|'m meeting|'m going to meet|am going to meet|want to meet) (?:him|her|them|a man|someone|this (?:man|guy))\b.{0,40}?\b(?:online|internet|game|snap\w*|insta\w*|tiktok|discord|roblox|fortnite|minecraft|whatsapp)
\b(?:he|she|they|man|guy|someone|him|adult) (?:\w+ )?wants? me to (?:come|go|meet|visit|stay|sleep|get in|be his|be her|keep)\b
\b(?:wants?|wanted|asking for|asked for|asks for)\b (?:\w+ ){0,2}?(?:photos?|pics?|pictures?|videos?|nudes) (?:of me|in my|without)\b|\b(?:photos?|pics?|pictures?|videos?) (?:of me )?in my (?:underwear|pants|bra|pyjamas|bikini)\b
# Pictures taken or sent, and threats to share them
\bi (?:sent|send|showed|gave) (?:him|her|them|this (?:man|guy|person)) (?:a |some |my |the )?(?:pics?|pictures?|photos?|nudes|videos?|selfies?)\b
\b(?:threaten\w*|will|'ll|going|gonna) (?:to )?(?:send|share|post|show|leak|put)\w* (?:my|me)\b
\b(?:send|share|post|show|leak)\w* (?:it|them) to (?:everyone|all my|my (?:school|mum|dad|parents|friends|family))\b
\bunless i (?:send|pay|do|give)\b
\b(?:has|have|got|showing|shown|shared|sharing|posted|posting|sending|sent|filmed|took)\b (?:a |the |my |some )?(?:videos?|photos?|pics?|pictures?|nudes) of me\b
\b(?:keeps|kept|has been|is|he'?s|she'?s) (?:sending|showing) me (?:\w+ )?(?:videos|pics|pictures|photos|stuff|things|messages)\b
\b(?:sent|send|took|shared) (?:\w+ )?(?:pics|pictures|photos|nudes|videos)\b.{0,30}?\bwhen (?:i|u|you) (?:was|were) (?:[89]|1[0-7])\b
\b(?:has|got|have|keeps?) (?:my |the )?(?:pics|pictures|photos|nudes|videos|them)\b.{0,30}?\b(?:won'?t|wont|will not|refuses? to) (?:delete|remove)\b
\bif i (?:block|tell|report|don'?t|stop|ignore)\b.{0,60}?\b(?:he|she|they)(?:'ll| will| is going to| would| are going to| says he'll| says he will)\b
# Keeping it secret, not being believed
\b(?:our|a) (?:little )?secret\b.{0,60}?\b(?:he|she|they|him|told me|says|said)\b|\b(?:he|she|they) (?:said|says|told me) (?:it'?s|it is|to keep (?:it|this)|that it'?s) (?:our )?secret\b
\bme (?:to keep (?:it|this|our|us)|not to tell)\b|\b(?:saying|says|said) not to tell (?:anyone|anybody|my|no ?one)\b
\b(?:nobody|no one|no1) (?:would|will|'d|'ll) (?:ever )?believe me\b
\b(?:please|pls|plz) (?:do ?n'?t|dont) tell my (?:parents|mum|dad|mom|mam)\b
\b(?:says|said|told me|tells me) (?:that )?(?:i|we) (?:can'?t|cannot|mustn'?t|shouldn'?t|can not) tell\b
# Someone touching them, coming into their room or bed, or making them do things
\b(?:he|she|they|a man|an? (?:older )?(?:man|boy|woman|adult)|someone|somebody|my [\w']+(?: [\w']+)?) (?:still |always |sometimes |keeps )?(?:touch(?:es|ed|ing)?|hurts|is hurting|keeps hurting|abuses|is abusing) me\b
\b(?:he|she|they|coach|teacher|uncle|dad|stepdad|step dad|boyfriend|brother|cousin|tutor|man|guy) (?:\w+ )?(?:makes?|made|forces?|forced|pressures?|pressured) me (?:to )?(?:do|stay|send|take|go|sit|watch|keep|touch|undress|come)\b
\b(?:does|do|keeps doing|is doing|has been doing|makes me do) (?:stuff|things|something|bad things|things i don'?t like) (?:to|with) me\b
\b(?:sleeping|sleeps|slept|gets|getting|got|comes|coming) in(?:to)? my bed\b|\b(?:go|get|got|going) in(?:to)? his car\b
\b(?:hand|hands) on my (?:leg|legs|knee|thigh|thighs|bum|waist|chest)\b|\b(?:touching|touches|touched) my (?:leg|legs|knee|thigh|thighs|bum|chest|body|private)\b
\btold (?:him|her|them) to stop\b.{0,40}?\b(?:laughs|laughed|won'?t|wont|didn'?t|doesn'?t|keeps)\b|\bcomes? (?:in|into) (?:my|the) (?:room|bedroom|bathroom|bed)\b
\b(?:private|one[- ]to[- ]one|1-1|1:1) (?:sessions?|lessons?|training|coaching|tuition) (?:with him|at his)\b
# Gifts, money, vapes or lifts from someone
\b(?:giv\w+|gave|pay\w*|paid|offer\w*|send\w*|sent|buy\w*|bought|get(?:s|ting)?|got) (?:me|us) (?:money|cash|gifts?|presents|things|stuff|vouchers|robux|v-?bucks|gift cards?|£\d*)\b
\b(?:giv\w+|gave|offer\w*|buy\w*|bought) (?:me|us) (?:free )?(?:vapes?|alcohol|drink|weed|cigarettes|fags|drugs|lifts?)\b
# Grooming talk: "he loves me", "mature for your age", someone older pretending or knowing where they live
\b(?:says|said|tells me|told me) (?:he|she)(?:'s| is|s)? (?:in love with me|loves me|my boyfriend|my girlfriend)\b|\b(?:he|she)(?:'s| is) in love with me\b
\b(?:found out|knows|know) where i live\b|\bknows my school\b|\bmature for (?:my|your) age\b
\bi thought (?:was|he was|she was|it was)\b.{0,40}?\b(?:actually|really) an? (?:man|adult|grown man|older)\b
# Broader: a young writer (an age, "13 yr old here", a school year) near an adult, someone online, pictures, secrets, meeting, touching or threats
\b(?:(?:i'?m|im|i am) (?:only |just |still )?(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)(?: ?(?:yrs?|years?) old| ?y/?o)?\b(?! ?(?:years|yrs|months|weeks|days|hours|mins|minutes|%|am\b|pm\b|:|/|\.\d|,\d))|\b(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) ?(?:yrs?|years?|y/?o)(?: old)? (?:here|girl|boy|btw)\b|\b(?:i'?m|im|i am) in (?:year|yr|y) ?(?:[3-9]|1[0-3])\b).{0,200}?\b(?:man|men|guy|lad|older|adult|grown|teacher|coach|uncle|stepdad|step dad|boyfriend|tutor|someone online|met (?:him |her |them )?online|from online|snap\w*|insta\w*|discord|roblox|tiktok|whatsapp|on (?:a|the) game|gaming|server|messag\w* me|(?:send|sent|asked for|asking for|wants?|my|of me|me) (?:\w+ )?(?:pics?|pictures?|photos?|nudes?|videos?)|secret|meet|his (?:flat|house|car|place)|touch\w*|threat\w*|blackmail\w*|owe him|makes? me|made me|tells? me|told me|says i|said i|keeps?|drives me|comes in|i don'?t like it|dont like it)\b
\b(?:man|guy|lad|older|adult|teacher|coach|uncle|stepdad|step dad|boyfriend|tutor|someone online|snap\w*|insta\w*|discord|roblox|tiktok|gaming|(?:send|sent|asked for|wants?|my|of me) (?:\w+ )?(?:pics?|pictures?|photos?|nudes?)|secret|touch\w*|threat\w*|blackmail\w*|makes? me|made me|told me|keeps?)\b.{0,200}?(?:\b(?:i'?m|im|i am) (?:only |just |still )?(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b(?! ?(?:years|yrs|months|weeks|days|%))|\b(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) ?(?:yrs?|years?|y/?o)(?: old)? (?:here|btw)\b|\b(?:i'?m|im|i am) in (?:year|yr|y) ?(?:[3-9]|1[0-3])\b)
# Broader: an adult or someone older telling them they owe him, or to keep quiet, or coming into the bathroom
\b(?:says|said|tells|told) (?:me|us) (?:that )?(?:i|we) (?:owe|have to|must|need to|can'?t tell|cannot tell)\b|\bcomes? (?:in|into) the bathroom when i'?m\b|\bi'?m his favourite\b
""",
    Category.SELF_HARM: r"""
# Wanting to die or to end their life
\bi (?:just |really |honestly |still |sometimes )?(?:want|wanna|wish i could|wish i was|wish i were|'d rather) (?:to )?(?:die|be dead|not wake up|not be here|disappear for good)\b
\b(?:end|ending|take|taking) my (?:own )?life\b
\bi (?:do ?n'?t|dont|do not) want to (?:be alive|live|be here|exist|wake up)\b(?! in| with| like| on| near| under| where| through)
\bi (?:deserve to|should just|should) (?:die|be dead)\b|\btell my (?:mum|mam|mom|dad|family|parents|kids|children|sister|brother) (?:i'?m sorry|i love (?:her|him|them))\b
\b(?:thinking about|thought about|think about|considering|going to|want to|wanna|plan to|planning to) (?:ending it|end it|ending things|end things|ending my life|killing myself|taking my life|suicide)\b|\bi can'?t live with (?:this|it|what|myself)\b
\b(?:tired|sick) of (?:being alive|living|life|existing)\b|\bhope i (?:do ?n'?t|dont|never) wake up\b
\b(?:think|thinking|wish|want|easier|better|dream)\b.{0,40}?\b(?:not (?:being|be) (?:here|around|alive)|never wake up|not wake up|sleep forever|disappear forever|just disappear)\b
# Saying they are suicidal
\b(?:i'?m|i am|i feel|i've been|i have been|been having|feeling|having|i get|i keep having) (?:\w+ )?suicidal\b|\bsuicide (?:note|plan)\b
# No point, no way out, can't go on, saying goodbye
\b(?:what'?s|whats|what is|is there any|is there a|there'?s no|there is no|no) (?:the )?(?:point|reason) (?:in |of |to )?(?:living|live|being alive|going on|carrying on|life)\b
\bsee (?:the|any) point(?: (?:in|of) (?:living|life|going on|anything))?(?:\.|!|$| any ?more)
\bthis is (?:my )?goodbye\b|\bgoodbye (?:everyone|all|world)\b|\bno way out for me\b
\b(?:giving|given|gave) (?:all )?(?:my|away my) (?:things|stuff|belongings|possessions)(?: away)?\b|\bcan'?t see (?:a|any) (?:future|way out)\b(?! for| in| where| with)
\b(?:can'?t|cannot|can not|don'?t think i can) (?:keep going|go on|carry on|cope|take (?:it|this)|do this)(?: any ?more| any longer| like this| much longer)?(?:\.|!|$)
\b(?:everything|it all|life) (?:is|'s|feels) (?:just )?too much\b
\b(?:better off without me|can'?t (?:go on|cope|do this|take (?:it|this)) (?:any ?more|like this)|(?:nobody|no one|no1) would (?:notice|care|miss me) if i (?:was|were|died|'m gone)|end (?:it|it all|things) (?:tonight|today|soon|now))\b
\b(?:goodbye|suicide) (?:letters?|notes?|messages?)\b|\bwritten (?:letters|a letter|notes?|a note) (?:to|for) (?:my )?(?:family|mum|dad|kids|children|everyone|loved ones|friends)\b
\b(?:nobody|no one|no1) (?:would|will|'d) (?:care|notice|miss me|even notice)\b.{0,20}?\bif i\b|\bif i (?:wasn'?t|weren'?t|was not|were not) (?:around|here|alive)\b
# Hurting themselves
\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|end|ending|starve|starving) myself\b
\bi (?:\w+ ){0,2}self[- ]?harm(?:ing|ed)?\b
\bkms\b
\bself[- ]?harm\w*\b.{0,40}?\brelaps\w*|\brelaps\w*\b.{0,40}?\bself[- ]?harm
\b(?:scratch|scratching|scratched|cut|cutting|burn|burning|hit|hitting|bite|biting) (?:my|myself)\b.{0,25}?\b(?:bleed|bleeds|blood|arms|legs|wrists|thighs|skin)\b|\bi(?:'ve| have)? stopped eating\b
# A plan or the means: pills, a rope, a place to jump
\bhow many (?:paracetamol|pills|tablets|sleeping pills) (?:it takes|to take|does it take|would it take|would|will|to die|before)\b|\b(?:looking up|looked up|googling|googled|searching|researching) (?:how|ways|methods) (?:to die|to kill|to end|many)\b
\b(?:i'?ve got|i have|i got|bought|buying|got) (?:a|the) (?:rope|noose)\b|\bnoose\b
\b(?:take|taking|swallow|swallowing) (?:everything|all)\b.{0,25}?\b(?:medicine|pills|tablets|meds|medication|paracetamol)\b
\b(?:thinking (?:about|of)|want to|wanna|going to|gonna|plan to|might) (?:jump|jumping|throw myself|throwing myself|step) (?:off|in front of|under|from)\b
\btook (?:a (?:load|lot|bunch|handful|packet|box|whole \w+)|loads|all|lots|too many) (?:of )?(?:my |the |them |these )?(?:tablets|pills|paracetamol|meds|medication)\b
\b(?:painless|easiest|quickest|best|surest) (?:way|method|ways) (?:to )?(?:go|die|end it|kill (?:myself|yourself))\b
\bplanning (?:how|when|my death|to end it|it)(?:\.|!|$| to do it| i'?ll do it)
\bi (?:\w+ )?(?:tried to |took an? |want to )?overdos\w*
\b(?:pills|tablets) (?:saved|stockpiled|ready|hidden)\b|\b(?:saved|saving|stockpiling) up (?:the |my |some )?(?:pills|tablets)\b|\bgot the (?:pills|tablets|rope)\b
# Broader: the writer near words about killing themselves, ending it, suicide, an overdose or self-harm
\b(?:i|i'?m|im|i'?ve|ive|i'?ll|i'?d|me|my|myself)\b.{0,60}?\b(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my life|it tonight|things tonight)|(?<!\b(?:to|by) )suicid\w*|overdos\w*|(?:cut|cutting|hurt|hurting) myself|self[- ]?harm\w*)(?! (?:rates?|prevention|awareness|statistics|figures|charity|charities|helpline))
\b(?:wish|hope|hoping) i (?:didn'?t|did not|don'?t|do not|wouldn'?t|never|won'?t) (?:come back|wake|make it|survive|get out|have to wake)|\bwish i (?:was|were|had)(?: never been born| not born| gone| dead)\b
# Broader: a time or a decision, the means to hand, a bridge or an edge, saying they are done
\b(?:tonight|today) is the (?:night|day)\b|\bi'?(?:ve| have) (?:made (?:up )?my mind|decided)\b.{0,40}?\b(?:tonight|today|it'?s time|to end|to go|goodbye|no more)\b
\b(?:my|i have|i'?ve got|i got|got) (?:the |some |all the |my )?(?:tablets|pills|rope|blades?|razors?|meds)\b.{0,50}?\b(?:lined up|ready|saved|counted|hidden|on my (?:desk|bed|table)|not scared|tonight)\b
\b(?:standing|stood|stand|sat|sitting|looking down) (?:on|at|by|from) (?:the|a) (?:bridge|edge|cliff|platform|roof|ledge|tracks|railway)\b.{0,80}?\b(?:easy|jump|end|over|gone|thinking|think)\b
\b(?:better|happier|easier) (?:off )?without me\b|\bi'?m done\b.{0,60}?\b(?:trying|without me|living|life|any ?more|goodbye)\b|\bno more trying\b
\bi (?:just )?want (?:it all|everything|the pain|all of it) to (?:stop|end)\b|\b(?:nobody|no one|noone|no1) (?:would|will|'d|'ll) (?:even )?miss me\b
\b(?:thank you|thanks|goodbye|bye)\b.{0,40}?\b(?:for everything|to everyone who|to the people (?:on|here)|who (?:were|was|have been) kind to me)\b.{0,80}?\b(?:tonight|last|goodbye|decided|going|gone)\b|\b(?:tonight|decided|gone|last (?:time|message))\b.{0,80}?\b(?:thank you|thanks|goodbye)\b.{0,40}?\b(?:kind to me|for everything|who (?:were|was) kind)\b
# Broader: a note left for someone, not being around when it is read, wanting it to be the last time, scars, working out how many
\b(?:written|wrote|left|leaving|writing) (?:a |my |some )?(?:note|letter)s? (?:for|to) (?:my|each of my|all my|everyone)\b(?! (?:mp|local|council|councillor|head ?teacher|school|newspaper|editor|gp)\b)
\bby the time (?:anyone|anybody|you|someone|people) (?:reads?|sees?|finds?) this\b|\bi (?:won'?t|will not|wont) be (?:around|here|alive)(?: much longer| any ?more| tomorrow)?(?:\.|!|$|,)
\b(?:hoping|hope|wish|praying) (?:this|it|tonight|today) (?:is|was|will be) the last\b|\bhow many (?:i'?d|i would|i will|i'?ll|i) (?:need|have to take)\b
\b(?:scars|cuts|burns|marks) on my (?:arms?|legs?|wrists?|thighs?|stomach|skin|body)\b|\b(?:don'?t|do not|dont) want (?:anyone|anybody|you|them|people) to stop me\b
\bi'?m (?:so |too |just )?tired of (?:fighting|trying|pretending|everything|being me)(?:\.|!|$|,)
""",
    Category.SEXUAL_INTEREST: r"""
# Saying they are attracted to children
\bi(?:'?m| am)? ?(?:\w+ )?(?:sexually )?(?:attracted|drawn) to (?:much |very |far )?(?:children|younger kids|younger children|kids|minors|teenagers|teenage|young(?:er)? (?:girls|boys|teens|children)|little (?:girls|boys)|under ?age|teens|pre-?teens|(?:girls|boys) (?:under|aged))
\bi (?:might|may|could|must) be a (?:paedo|pedo)(?:phile)?\b|\bi(?:'?m| am) an? (?:paedo|pedo)(?:phile)?\b(?! hunter)
\bi (?:find|found) (?:\w+ )?(?:children|kids|minors|young(?:er)? (?:teens|girls|boys|children)|teens|under ?age \w+|little (?:girls|boys)) (?:\w+ )?(?:attractive|arousing|sexy)
\bstop (?:being|feeling) (?:sexually )?attracted to (?:children|kids|minors|young|little|teens?)\b|\bhow (?:can|do) i stop\b.{0,30}?\b(?:attract\w*|urges|thoughts|feelings)\b.{0,30}?\b(?:children|kids|minors|young|little|teens?)\b
\b(?:aroused|turned on|excited) by (?:young|little|children|kids|minors|teens?|teenagers|under ?age|pre-?teens?)\b
\b(?:i'?m|i am|im) (?:a |an )?(?:non-?offending |virtuous |minor[- ]attracted )?(?:paedo|pedo)\w*\b(?! hunter)|\bi(?:'?m| am) an? (?:non-?offending )?(?:map|minor[- ]attracted person)\b
\b(?:fought|fight|fighting|struggled with|struggle with|struggling with|battle|battled|had|have) (?:an? |my |this )?(?:attraction|urges?|feelings|thoughts) (?:to|towards?|for|about) (?:minors|children|kids|under ?age|pre-?teens?|young)
# Thoughts, urges or fantasies about children that frighten them
\b(?:my|i have|i've got|i get|i keep having|having|i've had|i had) (?:\w+ ){0,2}(?:thoughts|feelings|urges|fantasies|attraction|interest) (?:about|towards?|for|involving|in) (?:children|kids|minors|an? (?:child|kid|girl|boy|pupil)|young(?:er)? (?:girls|boys|teens|children|people)|little (?:girls|boys)|under ?age|teens|pre-?teens)
\b(?:thoughts|urges|feelings) i (?:have|get|keep having) (?:about|towards?|for) (?:children|kids|minors|young|little|teens)
\b(?:urges|thoughts|feelings)\b.{0,30}?\b(?:scare|frighten|disgust|terrify)\w* me\b
\b(?:my|i have|i get|i've had|i had|having|i keep having) (?:\w+ ){0,2}(?:feelings|thoughts|urges)(?! (?:are|go|went) (?:with|out)) (?:about|towards?|for|involving) (?:[\w']+ ){0,4}?(?:children|kids|child|teenagers|teens|pupils|students|girls|boys|minors|nieces|nephews)\b.{0,40}?\b(?:sexual|inappropriate|wrong|not right|not normal|hate|sick|ashamed|disgust\w*|scare|frighten)
\bfantasi[sz]\w* about (?:children|kids|minors|young|little|teens?|pre-?teens?|(?:girls|boys))
\b(?:how|what) i (?:think|feel) about (?:some of )?(?:my |the )?(?:pupils|students|children|kids|girls|boys|young|little)\b
\b(?:scared|afraid|frightened|terrified|ashamed|disgusted) (?:of|by|at|with) myself\b.{0,80}?\b(?:children|kids|child|young|minors|girls|boys|pupils)\b|\b(?:children|kids|child|young|minors|girls|boys|pupils)\b.{0,80}?\b(?:scared|afraid|frightened|terrified|ashamed|disgusted) (?:of|by|at|with) myself\b
\bi (?:\w+ )?(?:look at|looking at|watch|watching|think of|feel about) (?:\w+ ){0,2}?(?:kids|children|girls|boys|minors|pupils|teens)\b.{0,40}?\b(?:in a way|that way|not normal|isn'?t normal|not right|i shouldn'?t)
# Afraid they might offend, asking for help before they do
\bi (?:might|may|could|will|would|am going to|'m going to) (?:one day |someday |end up |actually |eventually )?(?:offend|abuse (?:a |children|kids|someone)|hurt a (?:child|kid)|act on (?:it|them|these|my))\b
\b(?:scared|afraid|frightened|terrified|worried) (?:that )?i (?:will|might|may|could|would)(?:\.|!|$| do something| act)
\b(?:me|i)\b.{0,40}?\bbefore (?:something|anything) (?:bad )?happens\b
\bi (?:haven'?t|have not|have never|'ve never|never) (?:hurt|touched|abused|harmed|offended against) (?:a|any) (?:child|kid)\b
\b(?:help|cure|treatment|therapy) for (?:being an? |my )(?:paedo|pedo)\w*|\b(?:paedo|pedo)\w*\b.{0,40}?\b(?:asking for myself|i'?ve never told|my secret)\b
# Looking at images of children, or talking to children online
\b(?:i|i've|i have|myself) (?:\w+ ){0,2}?(?:look|view|watch|download|sav|search|seek|brows)\w*\b.{0,80}?\b(?:illegal|involving (?:children|kids|minors)|underage|of minors)\b
\bi(?: have|'ve)? (?:been |started |keep |kept )?(?:looking at|looked at|viewing|viewed|watching|watched|downloading|downloaded|saving|saved|searching for|searched for)\b.{0,60}?\b(?:images|pictures|pics|photos|videos|material|content) (?:of|with|involving) (?:children|kids|minors|underage|young|little|teens?|pre-?teens?)
\bwhat i (?:look at|watch|search for|view)\b.{0,40}?\b(?:young (?:girls|boys)|kids|children|minors|underage|teens?)\b
\bi(?:'ve| have)? (?:been )?(?:chatting|talking|messaging) (?:to|with) (?:young|little|under ?age|teens|kids|children|minors|girls|boys)\b
# Broader: the writer near attraction, urges or fantasies, and children, young people or an age
\b(?:i|i'?m|im|i am|i'?ve|my|myself)\b(?: \w+){0,8}? (?:attract(?:ed|ion)|urges?|fantas\w*|aroused|turned on|sexual (?:thoughts|feelings|interest))\b.{0,60}?\b(?:children|child|kids?|minors?|young|younger|little|teens?|teenagers?|under ?age|pre-?teens?|girls|boys|pupils|students|players|(?:[4-9]|1[0-5])\b)
\b(?:attract(?:ed|ion)|urges?|fantasi[sz]\w*|fantasies|aroused|turned on) (?:to|by|about|for|towards?|involving|of) (?:\w+ ){0,2}?(?:children|kids|minors|young|younger|little|teens?|teenagers|under ?age|pre-?teens?)\b.{0,80}?\b(?:i'?m|im|i am|i have|i'?ve|i need|i don'?t want|i dont want|i do not want|help me|i can'?t|i hate|i have never|i'?ve never|like me|myself)\b
# Broader: afraid they might offend or hurt a child; what they look at or search for
\b(?:afraid|scared|worried|terrified|frightened) (?:that )?i(?:'ll| will| might| may| could| would)\b.{0,40}?\b(?:child|kid|children|kids|offend|act on|touch|hurt)\w*|\bi (?:might|could|may|will|would) (?:\w+ ){0,2}?(?:hurt|harm|touch|abuse) a (?:child|kid)\b
\bi\b.{0,20}?\b(?:look at|looking at|watch|watching|think about|think of|feel about|stare at|staring at)\b(?: \w+){0,4}? (?:kids|children|girls|boys|minors|pupils|teens|students|players|young \w+)\b.{0,40}?\b(?:in a way|that way|not normal|isn'?t normal|not right|i shouldn'?t|is wrong|know is wrong|sexual)
\b(?:my|i)\b.{0,30}?\b(?:search history|browsing history|what i (?:search|searched|look|looked|watch|watched) (?:for|at))\b.{0,60}?\b(?:kids|children|young|teens?|underage|minors|girls|boys|child)\b
# Broader: not trusting themselves around children, "a thing for" young girls, attraction to their own pupils or relatives
\b(?:don'?t|didn'?t|do not|did not|can'?t|cannot|couldn'?t) trust myself (?:around|with|near|alone with) (?:\w+ ){0,2}?(?:children|kids|child|nieces?|nephews?|daughters?|sons?|grand\w+|pupils|students|girls|boys|them)\b
\b(?:i'?ve|i have|i'?ve had|i had|i've always had) (?:had )?(?:a thing|an interest|a fixation|an obsession) (?:for|with) (?:young|little|underage|teen|pre-?teen|school ?)\w*
\b(?:attract(?:ed|ion)|urges?|feelings|fantas\w*) (?:to|towards?|for|about) (?:my|our) (?:students|pupils|nieces?|nephews?|stepdaughters?|stepsons?|daughters?|sons?|grand\w+|players|scouts|cubs|brownies|guides)\b
""",
    Category.ADULT_SURVIVOR: r"""
# Abuse they suffered as a child
\b(?:when i was|as a|growing up|from the age of|since i was) (?:a |an |only |just )?(?:child|kid|boy|girl|teen\w*|little|young|small|younger|[3-9]|1[0-7])\b.{0,100}?\b(?:abused|abuse|molested|raped|groomed|assaulted|exploited)\b
\b(?:abused|molested|raped|groomed|assaulted|exploited|manipulated) me\b
\b(?:i was|i got|i had been|i've been|i have been) (?:\w+ )?(?:sexually )?(?:abused|molested|raped|groomed|assaulted|exploited)\b
\bmy (?:abuser|rapist|abusers)\b
\b(?:me and my|my \w+ and i|we) (?:\w+ ){0,2}?(?:were|was) (?:both |all )?(?:sexually )?(?:abused|molested|raped|groomed)\b|\bit (?:stopped|ended|started|began) when i was (?:[3-9]|1[0-7])\b
\b(?:years of|suffered|survived|endured) (?:\w+ )?abuse\b.{0,60}?\bfrom (?:age )?(?:[3-9]|1[0-6]) (?:to|until|till|-) (?:[5-9]|1[0-8])\b
# What was done to them, told years later
\b(?:did|done) (?:\w+ ){0,2}?to me\b.{0,100}?\b(?:abuse|(?:when|since) i was|as a (?:child|kid|boy|girl|teenager))|\bwhat (?:the|my|he|she|that) (?:[\w']+ )?did to me\b
\b(?:it|he|she|they|this) (?:went on|continued|lasted|carried on|started)\b.{0,20}?\b(?:from|since|when i was|at) (?:age |the age of )?(?:[2-9]|1[0-7])\b|\bi never (?:reported|told anyone about) (?:mine|it|him|her|what)\b
\bi was (?:[3-9]|1[0-7])\b.{0,150}?\b(?:i'?m|i am|im) (?:[2-9]\d|1[89]) now\b
\bmy [\w']+(?: [\w']+)? (?:did|was doing|used to do)\b.{0,40}?\babuse\b|\bwhat (?:he|she|they) did (?:to me )?(?:was|is) (?:\w+ )?abuse\b
\b(?:he|she|they|leader|teacher|coach|priest|vicar|uncle|cousin|man|neighbour|grandad|stepdad) did (?:things|stuff|something) (?:to me|nobody|no one|that|i|when)\b
# Still living with it: nightmares, flashbacks, being taken back
\b(?:nightmares|flashbacks|panic attacks)\b.{0,80}?\b(?:when i was|as a (?:kid|child|boy|girl)|him|the man|what (?:he|she|they) did)\b
\b(?:took|takes|brought|brings|sent) me (?:straight |right )?back to (?:being|when i was) (?:[3-9]|1[0-7]|a (?:child|kid|boy|girl|teenager)|little|young)\b
# Saying it happened to them too, or that they are a survivor
(?<!\bif (?:it|this|that) )(?<!never )happened to me\b|\bi went through (?:exactly |the same|this|something similar|similar)
\bi(?:'?m| am) (?:a |also a |one of the )?survivor\b(?! of (?:domestic|cancer|breast|a stroke|stroke|covid|suicide|the|an? ))
\b(?:this|that) (?:is|was) my (?:story|childhood|life) too\b|\bmy story too\b|\bmy [\w']+ was the one\b|\bi was one of (?:those|the) (?:kids|children|boys|girls|victims)\b
\b(?:did|done) (?:this|that|it|the same|the same thing) to me\b|\b(?:took|taking|takes) advantage of me\b|\bmine was my [\w']+\b|\b(?:this|that) (?:is|was) (?:what )?my childhood\b
# Broader: the writer saying they were abused, touched, groomed or assaulted, or what someone did to them as a child
\b(?:i was|i got|i'?d been|i had been|i'?ve been|i have been) (?:\w+ ){0,3}?(?:abused|molested|raped|groomed|touched|assaulted|interfered with|exploited)\b(?! (?:by the (?:news|story|article|case)|to hear|to read))
\b(?:abused|molested|raped|groomed|touched|assaulted|interfered with|came into my room|used to come into my room)\b.{0,80}?\b(?:when i was|as a (?:child|kid|boy|girl|teen\w*)|growing up|until i was|from (?:age |the age of )?(?:[2-9]|1[0-7]) (?:to|until))\b
\b(?:growing up|when i was (?:a )?(?:child|kid|little|young|small|[3-9]|1[0-6])|as a (?:child|kid|boy|girl))\b.{0,80}?\b(?:came into my room|come into my room|touched me|did (?:it|things|stuff) to me|my room at night)\b
\b(?:did|done) the same (?:thing )?to me\b|\bthe same happened to me\b
# Broader: "abused my brother and me", "passed around", "did to me what…", hurt at school or as a child
\b(?:abused|molested|raped|groomed|assaulted|hurt) (?:me|us) (?:both|for years)\b|\b(?:abused|molested|raped|groomed|assaulted) (?:\w+ ){0,3}?(?:and|&) me\b|\bi was (?:passed around|trafficked|pimped out|sold)\b
\b(?:he|she|they|man|woman|leader|teacher|priest|vicar|coach|uncle)\b.{0,60}?\bdid (?:the same |that |this )?to me\b|\bdid to me what\b
\b(?:when i was|as a|growing up)\b.{0,80}?\b(?:hurt|abused|touched|molested|groomed) me\b
""",
    Category.IDENTIFYING: r"""
# Naming the person in the story ("the girl in this case is…", "my neighbour John Smith is…")
\b(?:the|this|that) (?:victim|girl|boy|child|kid|teenager|teen|accused|defendant|man|woman|lad|bloke|guy|fella|teacher|coach|offender|youth worker|abuser|person|suspect)(?: (?:arrested|charged|accused|convicted|named|involved|jailed)| (?:who|that) (?:got|was|has been|were|is) (?:arrested|charged|named|jailed|accused|convicted)| they (?:arrested|charged|named|jailed)| they'?re on about)?(?: (?:in|from) (?:this|the)(?: (?:case|story|article|trial|court case|news|report))?)? (?:is|was|'s) (?:called |named |definitely |obviously |actually |really )?(?!(?:a|an|the|not|being|in|at|on|only|just|aged|from|found|given|sentenced|jailed|charged|arrested|convicted|said|described|told|also|still|so|very|clearly|reported|innocent|guilty|entitled|presumed|likely|probably|due|known|believed|thought|expected|understood|now|no|someone|somebody|one|his|her|their|too|under|over|about|already|never|always|out|back|able|unable|left|taken|free|safe|who|what|that|this|there|here|how|why|caught|given|found|seen|told|sent|made|held|known|kept|brought|put|let|hit|thought|shown|done|beaten|bitten|written|led|met|got|bought|sold|paid|taught|heard|won|lost|shot|stuck|bound|hidden|driven|spoken|chosen|stolen|forgotten|forbidden)\b)(?![a-z]+(?:ed|ing|ly)\b)[a-z']+ [a-z']+\b
\b(?:my|our) (?:next door |next-door |old |former )?(?:neighbour|neighbor|teacher|coach|uncle|stepdad|step dad|dad|cousin|babysitter|priest|vicar|niece|nephew|brother|sister|friend|mate)'?s?,? (?!(?:is|was|has|had|and|who|said|says|told)\b)[a-z']+ [a-z']+,? (?:is|was|has been|who)\b
\b(?:the|this|that) (?:little |young )?(?:victim|girl|boy|child|kid|lad|teenager) (?:is|was|'s) (?:called|named|identified)\b|\b(?:from|at|lives at) (?:number|no\.?) (?!10\b)\d{1,3} (?:on|in|at)\b|\bnamed (?:her|him|them|the (?:victim|girl|boy|child))? ?as [a-z']+ [a-z']+ on\b
\b(?:her|his|their|the (?:kid|girl|boy|victim|child|lad|teacher|man)'?s?) (?:real )?(?:name'?s|names|name is|name was)\b(?! (?:not|being|on|in|public|known|withheld|kept|protected|anonymous|irrelevant|already|out|all over|everywhere))
\b(?:the|this) (?:victim|girl|boy|child|kid)(?: in (?:this|the) (?:story|case|article))?, (?!(?:and|but|who|which|the|a|an|he|she|they|it|i|we|you|so|then|not|or|if|as|because|for|with|in|on|at|from|his|her|their|aged|was|is)\b)[a-z']+,
\b(?:it'?s|its|it was) the [a-z']+ (?:kid|boy|girl|lad|family) from\b|\b(?:that'?s|thats|it'?s|its|it was|that was) (?:mr|mrs|miss|ms|dr|rev|reverend|coach|sir)\.? [a-z']+\b
\b(?:teacher|coach|leader|instructor|priest|vicar|neighbour|worker|caretaker|tutor|babysitter|childminder)\b.{0,40}?, (?!(?:and|but|who|which|the|a|an|he|she|they|it|i|we|you|so|then|not|or|if|as|because|for|with|in|on|at|from|his|her|their)\b)[a-z']+ [a-z']+(?:\.|!|$| is\b| was\b| from\b| at\b| tell\b)
\b(?:the|that|this|my|our) (?:vicar|priest|teacher|coach|neighbour|man|guy|lad|bloke|leader|caretaker|tutor|uncle|stepdad|youth worker)\b.{0,40}?\bis the one\b(?! who| that)
# A name or a child with an age, a school or a street
\b[a-z']{2,} [a-z']{2,} ?, ?(?:aged |age )?(?:[2-9]|1[0-7]) ?,
, aged (?:[2-9]|1[0-7]),
\b(?:she'?s|he'?s|shes|hes|she is|he is) (?:only |just |only just )?(?:turned )?(?:[2-9]|1[0-7])\b(?! ?(?:years|yrs|months|weeks|%)).{0,60}?\b(?:goes to|lives|was at|is at|in year|school|estate|victim|road|street|near me)\b
\b(?:goes to|attends|pupil at|student at|in year \d+ at) (?!(?:a|the|my|our|his|her|their|school)\b)[a-z'.]+(?: [a-z'.]+){0,3} (?:primary|secondary|high|grammar|junior|infant|academy|school|college)\b
\b(?:from|lives (?:on|in|at)|at) [a-z']+ (?:road|street|lane|avenue|close|drive|estate|school|academy)\b.{0,40}?\b(?:she'?s|he'?s|shes|hes|she is|he is|aged) (?:only |just )?(?:[2-9]|1[0-7])\b
# Pointing readers at someone ("look him up", "keep your kids away from him")
\b(?:tell|keep) your (?:kids|children) (?:to )?(?:stay )?away(?:\.|!|$| from (?:him|her|that|this|them))|\bstay away from (?:him|her|that (?:man|guy|woman)|this (?:man|guy|woman))\b
\b(?:her|his|their) initials (?:are|is|were)\b|\blook (?:up|for) [a-z']+ [a-z']+ on (?:facebook|fb|insta\w*|tiktok|twitter|x|snap\w*|linkedin)\b|\bthat'?s the one who did it\b
# "Everyone knows who it is"
\b(?:everyone|everybody|we all|all of us|the whole (?:town|village|estate|school))\b.{0,30}?\bknows? (?:who (?:it|this|she|he|they) (?:is|was|are)|(?:that )?(?:it'?s|it was|it is|its) (?!(?:a|the|not|true|wrong|going|been|hard|about|all|just|only|time|because|easy|difficult|never|always|happening|rife|more|less|in|on|at|his|her|their|our|my|your)\b)[a-z']+ [a-z']+)|\bwe all know who\b
# Broader: "the accused is …", "the victim is …" with a name or a description, "look him up"
\b(?:the|this|that) (?:accused|defendant|victim|suspect|offender|abuser|girl|boy|lad|man|woman|teacher|coach)(?: in (?:this|the) (?:case|story|article))? (?:is|was|'s) (?!(?:a|an|the|not|only|just|now|still|being|said|innocent|guilty|due|set|expected|believed|thought|understood|described|reported|aged|in|on|at|from|his|her|their|our|your|also|clearly|obviously|very|so|too|going|likely|unlikely|named|known|free|out|back|home|alive|dead|safe|recovering|really|who|that|what|where|why|how|one|someone|somebody|brave|lucky|sick|evil|jailed|charged|arrested|convicted|sentenced|given|found|remanded|released|bailed|facing|awaiting|appealing|expected)\b)(?![a-z']{3,}(?:ed|ly)\b)[a-z']+ [a-z']+
\blook (?:him|her|them) up\b|\b(?:it'?s|its|it was) the (?:youth (?:pastor|leader|worker)|pastor|vicar|priest|coach|teacher|caretaker|scout leader|choir ?master) (?:at|from|of) [a-z']+\b
# Broader: "the girl he groomed is …", "the accused is the PE teacher at …", "the 16 year old on Mill Lane", "it's the Smiths' lad"
\b(?:the|this|that) (?:girl|boy|child|kid|victim|lad|teen|teenager) (?:he|she|they|who) [a-z']+ (?:is|was|'s) (?!(?:a|an|the|not|only|just|now|still|so|very|in|at|from|my|his|her|their)\b)[a-z']+\b
\b(?:the accused|the defendant|the victim|the abuser|the offender|the suspect|it'?s|its) (?:is |was )?(?:the|a|that) (?:pe |maths |music |drama |science |head ?|form |deputy |youth )?(?:teacher|coach|caretaker|vicar|priest|leader|tutor|pastor|instructor|neighbour|lad|girl|boy|man|woman|year \d+) (?:at|from|in|on|of) (?!(?:the|a|an|his|her|their|that|this|my|our|your)\b)[a-z']+
\b(?:[2-9]|1[0-7]) ?(?:year|yr)s? old (?:on|from|at|in|who lives on) [a-z']+ (?:road|street|lane|avenue|close|drive|estate|way|crescent|grove)\b|\b(?:it'?s|its|it was) the [a-z']+'?s'? (?:kid|boy|girl|lad|son|daughter)\b
\b(?:don'?t|do not|never) let your (?:kids|children|child|son|daughter)s? (?:near|around|alone with) (?:[a-z']+ who|him|her|that (?:man|guy|woman|bloke))\b
""",
    Category.ABUSE_MATERIAL: r"""
# Asking where or how to get images or videos
\b(?:where|how) (?:can|do|could|would|does|did|to) (?:i|you|u|one|people|someone|we|they|ya)\b.{0,30}?\b(?:find|get|download|buy|see|watch|access|view|onto|into)\b.{0,60}?\b(?:videos?|vids|pics|pictures|photos|images|footage|sites?|links?|content)\b(?!.{0,30}\b(?:report|campaign|march|event|walk|vigil|protest|petition|fundrais|helpline|charity|meeting))
\b(?:which|what|any|where)\b.{0,30}?\b(?:sites?|links?|groups?|forums?|apps?|channels?)\b.{0,30}?\b(?:child|kid|teen|underage|preteen|pre-teen)\w* ?(?:porn|nudes|videos|vids|pics|images|content)
\b(?:where|somewhere|anywhere|how)\b.{0,20}?\b(?:i|you|u|one) (?:can|could) (?:watch|see|view|download|get|find)\b.{0,40}?\b(?:stuff|videos?|vids|pics|images|footage|files)\b.{0,40}?\b(?:found|seized|laptop|phone|he had|from him|case|trial)\b
\b(?:see|find|get|watch|view|download)\b.{0,40}?\b(?:he|they) (?:had|kept|was caught with|were caught with) on (?:his|their|the) (?:computer|laptop|phone|hard ?drive|devices?|pc)\b
\b(?:want|wanna|trying|looking|how) to (?:find|get|see|download|buy) some(?:\.|!|\?|$|,)
\b(?:can|could|do|would) (?:you|i|u|one)\b.{0,20}?\b(?:get|find|see|download|access|view)\b (?:those|these|the|them|such|that kind of) ?(?:images|videos|pics|material|stuff|content)?\b(?!.{0,15}\b(?:removed|taken down|deleted|reported)).{0,40}?\b(?:internet|online|tor|dark ?web|without)\b
\bdark ?web\b.{0,40}?\b(?:sites?|links?)\b.{0,30}?\b(?:kids|children|child|underage|teens?)\b
\b(?:point|direct|send|show|tell) me (?:to )?(?:where|how) (?:\w+ ){0,4}?(?:share|shares|trade|get|find|download|swap|post)\b(?!.{0,40}\b(?:help|report|petition|support|advice|guide|leaflet|number|judgment|article|story|charity|campaign))
\b(?:name of|link to|address of|url (?:of|for)) the (?:site|website|forum|group|channel|server)\b.{0,40}?$|\bdark ?web\b.{0,60}?\b(?:name of the site|which site|what site|the link|the url|the address)\b|\b(?:which site|what site|the link|the url)\b.{0,60}?\bdark ?web\b
\btorrents?\b.{0,40}?\b(?:material|videos?|pics|images|files|stuff|content)\b|\b(?:material|videos?|pics|images|files|stuff|content)\b.{0,40}?\btorrents?\b
# Asking someone to send or share images, or a link to them
\b(?:anyone|anybody|someone|somebody|who)\b.{0,30}?\b(?:pics|pictures|photos|videos|vids|images|footage|files|stuff|links?)\b.{0,30}?\b(?:of|from|with) (?:the |this |that |those |these )?(?:girls?|boys?|kids?|child|children|victims?|case|trial|school)\b
\blinks? (?:to|for) (?:the )?(?:leaked )?(?:pics|pictures|photos|videos|vids|images|footage|stuff|content)\b|\bleaked (?:pics|pictures|photos|videos|nudes|images) (?:of|from)\b
\b(?:send|give|show) (?:me|us) (?:the |those |these |some |any )?(?:pics|pictures|photos|videos|vids|images|footage|files|stuff|material)\b(?!.{0,40}\b(?:of (?:the )?(?:petition|report|leaflet)))
\b(?:who'?s|who has|anyone|any1|any one|anybody|someone|somebody)(?: (?:here|else))? (?:got|have|has|get|know where to get)\b.{0,20}?\b(?:the |those |these |any |some )?(?:videos?|vids|pics|pictures|photos|images|footage|files)\b(?! (?:of|from) (?:the )?(?:event|march|walk|protest|vigil|meeting|campaign))
\b(?:mega|dropbox|gdrive|google drive) (?:links?|folders?)\b|\b(?:pics|vids|videos|pictures|photos|images|footage|content|stuff)\b.{0,30}?\b(?:will|i'?ll|can|i) pay\b|\bpay(?:ing)? for (?:the |their |your )?(?:pics|vids|videos|pictures|photos|images|content)\b
\bdrop (?:a|the|me a|me the) link\b(?!.{0,30}\b(?:petition|report|article|story|campaign|helpline|guide|fundraiser|donat|charity|support))|\b(?:anyone|any1|anybody|someone|who)\b.{0,20}?\b(?:has|have|got)\b (?:what (?:he|they) (?:was|were|had)|the stuff|the files|the material)\b
# Offering, selling or trading material
\b(?:dm|pm|message|msg|inbox|hmu|contact|add) me\b.{0,20}?\b(?:for|if you want)\b.{0,30}?\b(?:pics|vids|videos|links|content|folders?|stuff)\b
\b(?:selling|trading|trade|swapping|swap|sharing|got loads of|got|have|want|need|looking for|buy|sell)\b.{0,20}?\b(?:cp|pthc|jailbait|underage|preteen|pre-teen)\b(?! (?:children|child|people|girls and boys))
\b(?:groups?|channels?|servers?|chats?|folders?)\b.{0,30}?\b(?:sharing|shares|with|of|full of)\b.{0,20}?\b(?:underage|kids?|child|children|young|teen|preteen)\w* ?(?:videos?|vids|pics|pictures|photos|images|content|nudes)
\b(?:looking for|want|need|will trade|trade|swap)\b.{0,20}?\b(?:teen|underage|young|preteen|kid|child)\w* (?:nudes|pics|videos|vids|content)
\b(?:selling|trading|swapping|buying|got|have)\b (?:\w+ )?(?:young|kid|kids|teen|child|little|preteen|underage)\w* (?:stuff|content|pics|vids|videos|material|links|nudes)\b|\b(?:selling|trading|swap|trade|sell|buy|for sale)\b.{0,60}?\b(?:telegram|kik|wickr|session|dm|pm|message|msg|inbox|hmu|snap) me\b
\b(?:trading|trade|swap|swapping|selling|sell|buying|buy)\b.{0,40}?\b(?:young|kids?|teens?|underage|preteen|little|child)\b|\b(?:young|teen|teens|kids?|underage) only\b
\b(?:teen|teens|kids?|girls?|boys?) and younger\b|\byounger the better\b|\bgot what you'?re (?:after|looking for)\b|\b(?:have a look|see it|see them|watch it|look at it)(?: for)? myself\b
\b(?:files|vids|videos|pics|links?|content)\b.{0,30}?\byoung ones\b|\byoung ones\b.{0,30}?\b(?:files|vids|videos|pics|links?|content)\b
\b(?:[4-9]|1[0-7]) ?(?:-|to) ?(?:[5-9]|1[0-7]) only\b|\b(?:[4-9]|1[0-7]) ?(?:yo|y/o) (?:only|and under)\b|\b(?:anyone|any1|who) (?:wanna |want to )?(?:trade|swap)\b
\bi know where to (?:get|find|download|buy) (?:them|it|those|these|the|more)?\b
# The words offenders use for it
\bcp (?:links?|folders?|vids|videos|pics|content|collection|trade|groups?)\b|\bpthc\b|\bjailbait\b
\b(?:young|younger|teen|underage|preteen|pre-teen) (?:stuff|content|vids|pics)\b
# Broader: asking for, offering or trading links, pictures, videos, folders or groups of children or teens
\b(?:anyone|any1|anybody|someone|who|looking for|want|need|got|have|selling|sell|buying|buy|trade|trading|swap|swapping|share back|dm me|message me|pm me|hmu|inbox me)\b.{0,40}?\b(?:links?|pics|pictures|photos|vids|videos|folders?|groups?|collection|files|content|telegram|mega|dropbox|kik)\b.{0,40}?\b(?:child|children|kids?|teens?|young(?: ones)?|younger|underage|preteens?|pre-teens?|little|school ?girls?|(?:[4-9]|1[0-7]) ?(?:yo|y/o)|(?:[4-9]|1[0-7]) ?(?:-|to) ?(?:[5-9]|1[0-7]))\b
\b(?:anyone|any1|anybody|someone|who|looking for|want|need|selling|sell|buying|buy|trade|trading|swap|swapping|share back|dm me|message me|pm me|hmu|inbox me)\b.{0,40}?\b(?:child|kids?|teens?|young(?: ones)?|younger|underage|preteens?|pre-teens?|little|(?:[4-9]|1[0-7]) ?(?:yo|y/o)|(?:[4-9]|1[0-7]) ?(?:-|to) ?(?:[5-9]|1[0-7]))\b.{0,30}?\b(?:links?|pics|pictures|photos|vids|videos|folders?|collection|files|content|stuff)\b
\b(?:will|to|wanna|want to|happy to|can) (?:swap|trade|share back)\b|\b(?:anyone|any1|anybody|who)(?: here)? (?:got|has|have) the (?:telegram|kik|mega|group|channel|server|folder)\b
\bdark ?web\b.{0,80}?\b(?:want to see|wanna see|want to find|how do i|how can i|where do i|where can i)\b|\b(?:want to see|wanna see|how do i get|how can i get)\b.{0,60}?\bdark ?web\b
# Broader: paying for it, invites to a room with an age limit, finding it without getting caught, apps or sites to find pictures of children
\b(?:who|anyone|any1|anybody)\b.{0,60}?\b(?:has|have|got)\b.{0,60}?\b(?:paying|will pay|i'?ll pay)\b|\breply with (?:one of yours|yours|some of yours)\b
\b(?:invite|room|group|chat|server|channel)\b.{0,40}?\b(?:[4-9]|1[0-7]) (?:and|&) (?:under|younger|below)\b
\b(?:find|search|see|watch|download|get|view|access)\b.{0,80}?\bwithout (?:getting|being) (?:caught|traced|tracked)\b
\b(?:where|how|app|site|website|link)\b.{0,40}?\b(?:find|get|see|watch|download|buy|access)\b (?:\w+ ){0,3}?(?:pics|pictures|photos|vids|videos|images|clips|content|stuff) (?:of|with) (?:\w+ )?(?:young|little|underage|teen|preteen|kid|child)\w*
""",
    PERSONAL_DETAILS: r"""
# UK postcodes
\b[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][abd-hjlnp-uw-z]{2}\b
# Street addresses: a house number and a kind of street
\b\d{1,4}[a-z]?,? (?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|years?|months?|weeks?|days?|hours?|minutes?|counts?|times?|people|children|men|women|of|at|in|on|the|to|and|per)\w*\b)[a-z']+(?: [a-z']+)? (?:road|rd|street|st|lane|ln|avenue|ave|close|drive|crescent|way|place|court|gardens|terrace|grove|walk|row|mews|square)\b
\b[a-z']+ (?:road|street|lane|avenue|close|drive|crescent|grove|terrace|gardens|way),? (?:number|no\.?|house) \d+\b
\b(?:i|we) live (?:on|in|at) [a-z']+ (?:road|street|lane|avenue|close|drive|crescent|grove|terrace|gardens)\b
# School names
\b[a-z']{3,}(?<!\b(?:our|my|the|your|their|local|his|her|this|that|any|every|each|at|to|in|of|from|same|big|new|old|state|private|a|an|son's|daughter's|kids'|kid's|children's|started|starts|starting|leave|left|leaving|attend|attends|attending|go|goes|going|went|through|during|after|before|until|since|about|one|all|most|some|many|no|and|or|for|with|by))(?<!\b(?:a|an|the|our|my|his|her|their|your|this|that) [a-z']+) (?:(?:primary|secondary|high|grammar|junior|infant|community|c of e|catholic|church|prep|comprehensive|middle|free|girls'?|boys'?) ){1,3}(?:school|academy|college)\b
\b[a-z']{3,}(?<!\b(?:our|my|the|your|their|local|his|her|this|that|any|every|each|at|to|in|of|a|an|an|police|khan|oak|one|all|an|the)) academy\b(?! trust)
# Social-media handles
(?:^|[\s(:])@[a-z0-9_][a-z0-9_.]{2,29}\b(?!\.[a-z])
\b(?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|kik|telegram|twitter|whatsapp)(?: (?:is|name|handle|username|id|tag))? ?(?::|-|=) ?@?[a-z0-9_.]{3,30}\b
\bmy (?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|kik|telegram|twitter|whatsapp|xbox|psn|gamertag)(?: (?:name|handle|username|user|id|tag))? (?:is|=|:) @?[a-z0-9_.]{3,30}\b
\b(?:snap|insta|kik|dm|add|message|text) me(?: on \w+)? ?(?::|-|=|@) ?@?[a-z0-9_.]{3,30}\b
\b(?:add|follow|find|message|dm) me on (?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|kik|telegram|whatsapp)\b
""",
}

# Searches that look for abuse material: the search page shows the deterrence message first and keeps no log.
# Readers of a newsroom search for "child sex abuse", "indecent images", "CSAM" or "child sex offenders" to
# find articles; these look for searches for the material itself.
DETERRENCE_SEARCH_TERMS = r"""
# Sexual images of children asked for by name
\b(?:child|children|kid|kids|teen|teens|underage|preteen|pre-teen|young|little|school ?girl|school ?boy)s?'? ?(?:porn|p0rn|pr0n|nudes?|xxx|naked|sexy|sex (?:videos?|vids|pics|tapes?|chat|cams?))\b
\b(?:underage|preteen|pre-teen|jailbait) (?:girls?|boys?|pics|videos?|vids|content|images|photos)\b
\b(?:nude|naked|topless) (?:child|children|kids?|girls?|boys?|teens?|minors?|preteens?)\b
\b(?:[4-9]|1[0-7]) ?(?:yo|y/o|year old|years old|yr old) (?:girls? |boys? )?(?:nude|naked|porn|sex|xxx|sexy)\b
# The words offenders use for it
\b(?:cp|pthc|jailbait|loli|shota)\b|\blolita\b(?! (?:novel|book|nabokov|film))
# The images from a case
\b(?:leaked|real) (?:pics|videos|images|photos|nudes) (?:of|from) (?:the )?(?:girl|boy|kid|child|victim)s?\b
"""
