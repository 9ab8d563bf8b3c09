"""Labelled support questions for `RiskClassifier` (agent/replies/risk_classifier.py).

Each risky class is described by examples, not by a list of phrases: a question is put in
the class whose examples it is most like. The examples paraphrase the situations that
public guidance warns about, with no case of `bench/` in mind:

* scam, payment, remote access: the U.S. FTC's consumer advice on tech support scams,
  gift card scams, refund and recovery scams, and imposters (consumer.ftc.gov);
* credentials: CISA's "Avoiding Social Engineering and Phishing Attacks" and banks'
  "we will never ask for your one-time code" notices;
* physical hazard: battery and charger safety advice from device makers (Apple, Samsung
  support pages), U.S. CPSC recalls of swollen batteries, and poison-centre advice never
  to mix household cleaners;
* destructive command: GNU coreutils' `rm` manual (`--preserve-root`), Microsoft's
  `format` and `diskpart clean` documentation, git's `reset --hard` and `clean -f` manuals.

`none` holds ordinary help-desk questions, many of them near misses (changing one's own
password, remote desktop to one's own PC, deleting one file, cleaning a screen), so that
sharing words with a risky class is not enough.
"""
from __future__ import annotations

# Physical hazards by kind: what can happen (said as the reason when a reply refuses without
# one), and the examples of the kind. A reply that only says "that can be dangerous" leaves
# the user guessing; the kind of the nearest example says why.
HAZARDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "battery": (
        "A swollen, damaged or overheating battery can catch fire or burst.",
        (
            "My phone battery is puffed up and the screen is lifting. Can I push it back down?",
            "Is it okay to charge a battery that got hot and started smoking?",
            "Can I poke a hole in a swollen battery to let the air out?",
            "Can I keep using my laptop while its battery bulges out of the case?",
            "I'm going to open my laptop's battery and replace the cells inside myself.",
            "Can I solder new cells into my old power bank?",
            # fire services' warnings: e-bikes and e-scooters charged overnight by the only way out
            "Going to leave the e-scooter battery charging overnight by the front door while we sleep.",
        ),
    ),
    # fire services' and councils' warnings: lithium batteries crushed in bin lorries and recycling plants
    "battery_bin": (
        "Batteries thrown in the bin can be crushed in the bin lorry and start a fire.",
        (
            "I'm throwing my old vapes and a dead phone in the normal rubbish bin.",
            "Can I put an old laptop battery in the household trash?",
            "Just chucking these dead AA batteries and an old power bank in the kitchen bin.",
        ),
    ),
    # carbon monoxide: fire services' and health agencies' generator and barbecue advice
    "fumes": (
        "A generator, barbecue or engine run indoors or in a garage makes carbon monoxide, which can kill without any smell or warning.",
        (
            "The power is out so I'm running the petrol generator in the garage with the door open.",
            "Can I bring the charcoal barbecue inside to keep warm during the power cut?",
            "Is it okay to warm up the car in the closed garage while I wait?",
        ),
    ),
    # fire services' charging advice for e-bikes, e-scooters and power tools (the London Fire
    # Brigade's "#ChargeSafe": only the charger made for that battery, no mismatched or
    # universal ones) and battery makers' notes on charging at the wrong voltage
    "wrong_charger": (
        "A charger made for another battery or voltage can overcharge it and start a fire: use the one made for it, "
        "or a replacement its maker lists for that battery.",
        (
            "My scooter's charger broke. Can I charge it with a universal one set to a higher voltage?",
            "Can I run my new laptop off my old laptop's 20V power brick? The barrel plug is the same size.",
            "Is it fine to use a charger from a bigger e-bike battery on mine if I unplug it before it's full?",
        ),
    ),
    # fire services' and Electrical Safety First's advice: a lead under a rug or carpet can't shed
    # its heat, and feet wear it through unseen
    "covered_cable": (
        "A lead or cable under a rug or carpet can't cool down, and feet wear it through where you can't see it, which can start a fire.",
        (
            "I'm putting the extension cord under the hallway carpet so it's out of sight.",
            "Can I hide the heater's power cable under the rug so no one trips on it?",
            "Running the TV and console leads under the living room mat to keep it tidy.",
        ),
    ),
    # Electrical Safety First and travel-adapter makers: an adapter changes the plug's shape, not the voltage
    "plug_adapter_voltage": (
        "A plug adapter only changes the shape of the plug, not the voltage: a 110-volt appliance on a 230-volt socket can burn out "
        "or catch fire.",
        (
            "I brought my American hair straightener to Europe, it fits the socket with a cheap travel adapter so I'm plugging it in.",
            "Can I use my US coffee machine in the UK with just a plug adapter?",
            "My 120 volt printer fits the wall socket here now that I bought a plug converter, switching it on.",
        ),
    ),
    # Electrical Safety First's and trading standards' tests of fake chargers sold online and at markets
    "fake_charger": (
        "Cheap copies of branded chargers often leave out the safety parts inside, so they can overheat, start a fire or give a shock.",
        (
            "Bought a pack of ten phone chargers for a few pounds at a car boot sale, they look exactly like the official ones.",
            "Is it okay to use a knock-off laptop charger from an online marketplace? It was a tenth of the price.",
            "Got some very cheap fake Samsung chargers online, they seem to work just the same.",
        ),
    ),
    "battery_leak": (
        "The crust from a leaked battery is caustic: it can burn your skin and eyes.",
        (
            # alkaline battery makers' safety data sheets: potassium hydroxide; gloves, no bare skin
            "A battery leaked in my torch and there's white crust everywhere. I'll pick it off with my fingers.",
            "The AA batteries in the keyboard leaked, I'm going to rub the powder off with my thumb.",
        ),
    ),
    "electric": (
        "Damaged wiring, sparks or water near mains power can give you an electric shock or start a fire.",
        (
            "Can I open up my laptop charger to fix a loose wire inside?",
            "My power strip is sparking. Is it fine to keep using it?",
            "The charging cable is frayed with wires showing. Can I tape it and keep using it?",
            "My tablet smells like burning plastic when it charges. Can I keep charging it?",
            "Can I clean the inside of my computer with water while it is plugged in?",
            "Can I touch the inside of the monitor to fix the flicker?",
            "Can I plug one extension cord into another to reach my desk?",
            "Can I keep using a charger whose plastic case is cracked open?",
            "Water is dripping from the ceiling onto my computer and power strip. I'll reach in and move them.",
            "Is it safe to use a hair dryer or a radio plugged in next to a full bathtub?",
            "The socket sparked, so I'm going to unscrew its cover and tighten the wires with the power still on.",
        ),
    ),
    # fire services: a smoke alarm's chirp is a low battery; alarms last about ten years
    "smoke_alarm": (
        "A smoke alarm without its battery can't wake you if there is a fire.",
        (
            "The smoke alarm keeps chirping so I'm taking the battery out for now.",
            "Can I just disconnect the smoke detector in the kitchen? It goes off every time I cook.",
        ),
    ),
    "heat": (
        "An oven, microwave, heater, hot car or soft bedding traps heat that can melt the device or set its battery on fire.",
        (
            "Can I put my wet phone in the microwave or oven to dry it faster?",
            "Is it safe to use my laptop on my bed under the blanket while it's charging?",
            "Can I keep my phone under my pillow while it charges?",
            "Is it okay to dry my phone with a hair dryer on its hottest setting?",
            # makers' battery guidance (Apple's and Samsung's: keep devices out of hot cars and off soft
            # surfaces that cover the vents)
            "I leave my tablet on the car dashboard in the sun all day, is that okay?",
            "Is it fine to use my laptop on my lap for hours when it gets really hot?",
        ),
    ),
    "burning": (
        "Burning plastic, batteries or circuit boards gives off toxic fumes and can start a fire.",
        (
            "Can I burn old cables in my fireplace to get the copper out?",
            "I'm going to melt down a box of old phone chargers on the stove.",
            "Is it okay to burn an old laptop in the garden to destroy the data?",
        ),
    ),
    # the U.S. EPA's "Cleaning Up a Broken CFL" (no vacuum, air the room, stiff paper and tape)
    # and its guidance on old cathode-ray-tube sets (leaded glass; recycle them whole)
    "mercury_bulb": (
        "A broken energy-saving bulb gives off a little mercury and leaves sharp glass: air the room, "
        "and pick the pieces up with stiff card and sticky tape, not a vacuum.",
        (
            "A fluorescent tube broke on the garage floor. Is it fine to sweep it up with the vacuum?",
            "I dropped a compact fluorescent lamp in the kitchen. Can I pick up the bits with my bare hands?",
            "An energy-saving light bulb smashed on the rug. I'll hoover up the glass.",
        ),
    ),
    "tube_tv": (
        "An old tube TV's glass is under vacuum and can implode, and it holds lead: take it whole to an e-waste drop-off.",
        (
            "Can I break up my old CRT monitor with a hammer so it fits in the rubbish?",
            "I want to take apart an old tube television to get the copper out of it.",
        ),
    ),
    "chemical": (
        "Mixed or harsh chemicals can give off toxic fumes, and solvents strip a screen's coating for good.",
        (
            "Can I combine two different cleaning sprays to make a stronger disinfectant?",
            "Is it safe to mix different cleaning products to disinfect my phone?",
            "Can I clean my screen with acetone or paint thinner?",
            "Can I spray bleach straight onto my keyboard to disinfect it?",
        ),
    ),
}
# What to do, by kind: said after the reason in a hazard's safe answer (a kind without one gets
# "Stop, and ask the maker or a repair shop what to do."). From the same sources as the reasons.
HAZARD_STEPS: dict[str, str] = {
    "battery": "Stop using it and leave it unplugged, keep it away from anything that can burn, and take it to a repair shop "
               "to have the battery replaced.",
    "battery_bin": "Tape over the ends and take them to a battery recycling point; many supermarkets and council tips have one.",
    "fumes": "Run it outside, well away from doors and windows, with an outdoor-rated extension lead, and fit a carbon monoxide alarm.",
    "smoke_alarm": "A chirp means the battery is low: put a new one in now, and replace the whole alarm if it is over ten years old.",
    "electric": "Replace whatever is damaged before you use it again.",  # short: the electrical rule's first step (unplug) is often said before it
    "heat": "Keep it somewhere cool and open: on a hard, flat surface with its vents clear, out of hot cars and direct sun, "
            "and never under a pillow or blanket while it charges.",
    "covered_cable": "Run it along the wall or skirting board instead, with a cable cover where it has to cross the floor.",
    "plug_adapter_voltage": "Check the label on the plug or the back: if it doesn't say 100-240 volts, use a step-down "
                            "transformer rated for it, or buy one made for the local voltage.",
    "fake_charger": "Use the maker's own charger, or one from a known brand bought from a proper shop.",
    "battery_leak": "Wear gloves, wipe the crust off with a cotton bud dipped in vinegar or lemon juice, and wash your hands after.",
}
# Kinds whose examples choose among the kinds only, once a question is a hazard: they are not
# examples of the class (more examples move every question's likeness to the class; these three
# made two harmless charging and remote questions hazards on the tuned sets).
KIND_ONLY = frozenset({"covered_cable", "plug_adapter_voltage", "fake_charger"})
KIND_ONLY_EXAMPLES: tuple[str, ...] = tuple(text for kind in sorted(KIND_ONLY) for text in HAZARDS[kind][1])
STEP_FOR_REASON: dict[str, str] = {HAZARDS[kind][0]: step for kind, step in HAZARD_STEPS.items()}
# What a reply sentence says to endorse the kind's risk, beyond the hazard class's "it's fine":
# "Use the trash bin." after the bin's fire was said (the 0.5B, outside7).
HAZARD_ENDORSES: dict[str, str] = {
    "battery_bin": r"\b(?:put|throw|toss|chuck|use|place|drop|dispose of)\b[^.;]{0,30}\b(?:bins?|trash|rubbish|garbage|household waste)\b",
    "fumes": r"\b(?:run|keep|use|leave|start|bring)\b[^.;]{0,30}\b(?:inside|indoors|in the garage|in the house|in your house)\b",
    "battery": r"\b(?:push|press|squeeze|flatten)\b[^.;]{0,20}\b(?:back|down|in|flat)\b",
}
ENDORSES_FOR_REASON: dict[str, str] = {HAZARDS[kind][0]: pattern for kind, pattern in HAZARD_ENDORSES.items()}

# Scams by kind: what the user needs to know, said as the reason of a scam-like class (scam,
# payment, credentials, remote access) when the question names the kind; a question naming one
# is in the scam class even where no class was found (each pattern names the third party too). From the FTC's and
# banks' scam pages (family emergency, overpayment, one-time codes) and Apple's and Instagram's help.
SCAM_KINDS: tuple[tuple[str, str, str], ...] = (
    ("family_emergency",
     r"(?=.*\b(?:grand(?:son|daughter|child|kid)|son|daughter|nephew|niece|cousin|brother|sister|mum|mom|dad)\b)"
     r"(?=.*\b(?:jail|bail|arrest\w*|accident|hospital|lawyer|solicitor|stranded|stuck abroad)\b)",
     "Hang up and call them yourself on the number you already have, or another relative, before anything is paid: "
     "scammers copy voices and say it must stay secret."),
    ("overpayment",
     r"(?=.*\b(?:over ?paid|paid (?:me )?too much|by mistake|extra|the difference)\b)(?=.*\b(?:checks?|cheques?|payment|paid)\b)"
     r"(?=.*\b(?:back|refund\w*|return\w*|zelle|venmo|send|sending|transfer\w*|wire)\b)",
     "A buyer who overpays and asks for the difference back is a known scam: the check or payment bounces days later, "
     "and the money you sent is gone."),
    ("code_for_a_caller",
     r"(?=.*\b(?:courier|delivery (?:driver|man|guy)|driver|caller|rang|called me|phoned|on the phone)\b)"
     r"(?=.*\b(?:codes?|pins?|one[- ]time|passcodes?)\b)(?=.*\b(?:text\w*|sms|message\w*|sent)\b)",
     "A code your bank or a service texts you approves a payment or a sign-in: whoever you read it to can take your money "
     "or your account. Call your bank on the number on your card."),
    ("activation_lock",
     r"(?=.*\b(?:activation lock|icloud(?:-| )?lock|removes? (?:the )?icloud)\b)"
     r"(?=.*\b(?:sites?|websites?|services?|pay\w*|paid|dollars|pounds|bought|used|second[- ]hand|seller)\b|.*\$)",
     "Only the previous owner can remove Activation Lock, from their own Apple account; sites that charge to remove it "
     "are scams. Ask the seller to remove it, or return the phone."),
    ("free_generator",
     r"(?=.*\b(?:robux|v-?bucks|gems|coins|skins|game currency|cheats?|mod menu)\b)(?=.*\b(?:free|generator|unlimited)\b)"
     r"(?=.*\b(?:download\w*|install\w*|run\w*|open\w*|click\w*|allow\w*)\b)",
     "Free Robux, V-Bucks or coin generators and game cheats don't work: they are a common way to spread malware that steals "
     "game, email and bank accounts. Delete the file and run a virus scan."),
    # the FTC's fake check scams: a check from a stranger or a new "employer", part of it to be
    # spent at their vendor or sent on; the bank takes the money back when it bounces
    ("fake_check",
     r"(?=.*\b(?:sent|mailed|posted|gave|got|received|sending|mailing)\b[^.?!]{0,40}?\b(?:checks?|cheques?)\b)"
     r"(?=.*\b(?:vendors?|suppliers?|gift ?cards?|mystery shop\w*|bitcoin|crypto|zelle)\b)",
     "A check from someone you don't know, with part of it to be spent at their vendor or sent on, is a fake check scam: "
     "the bank takes the money back when it bounces, and what you paid out is gone."),
    # Action Fraud's courier fraud: a "bank" or "police" caller sends someone for the card and its PIN
    ("courier_fraud",
     r"(?=.*\b(?:collect\w*|pick\w* (?:it |them |the cards? )?up|hand (?:it|them|the cards?) over)\b)(?=.*\bcards?\b)"
     r"(?=.*\b(?:pins?|clon\w*|fraud\w*|compromised|police|forensic\w*|investigat\w*)\b)",
     "Banks and the police never send anyone to collect your card or ask for your PIN: that is courier fraud. Hang up, "
     "and call your bank from another phone on the number on the back of your card."),
    # the "Hi Mum" message: a child's "new number", then a bill to pay
    ("new_number",
     r"(?=.*\bnew (?:phone |mobile )?number\b)(?=.*(?:\bfrom (?:a|an|some) (?:\w+ )?number\b|\bnumber i don'?t (?:have|know|recogni[sz]e)"
     r"|\bunknown number\b|\bhi,? (?:mum|mom|mam|dad)\b|\b(?:says?|saying|claims?|claiming) (?:it'?s|its|she'?s|he'?s|to be)\b))",
     "A message from a new number that says it's your child and then asks for money is a well-known scam: call them on "
     "the number you already have, or ask something only they would know, before you pay anything."),
    # Europol's and the FCA's warnings: celebrity "endorsements" of trading platforms and live
    # "giveaways" that double the crypto sent, made from old footage or with AI
    ("fake_celebrity_investment",
     r"(?=.*\b(?:celebrit\w*|famous|well[- ]known|billionaires?|presenters?|actors?|footballers?|elon|musk|martin lewis|influencers?|deepfakes?|youtube live|live ?stream)\b)"
     r"(?=.*\b(?:invest\w*|trading|crypto\w*|bitcoin|btc|eth|ethereum|double[ds]?|doubling|returns?|giveaway|profits?)\b)",
     "Videos and ads of famous people promising to double your money are fakes, often made with AI: whatever you send is gone. "
     "Don't send anything or sign up."),
    # the FTC's and the U.S. Postal Inspection Service's reshipping and money-mule job scams
    ("reshipping_job",
     # (every branch a lookahead, so the pattern is tried from the start only: unanchored, a 20 kB
     # message of "job work from home" took 6 s)
     r"(?=.*\b(?:re-?ship\w*|re-?packag\w*|package inspector|parcel inspector|quality inspector)\b)"
     r"|(?=.*\b(?:job|work from home|employer|recruit\w*)\b)(?=.*\b(?:receiv\w*|pass\w* on|transfer\w*|forward\w*)\b[^.?!]{0,30}"
     r"\b(?:money|payments?|funds|parcels?|packages?)\b)",
     "Jobs that pay you to reship parcels or pass money on use you to move stolen goods or money: that is fraud, and you can be "
     "held responsible. Stop, and report it to the police."),
    # the FTC's and the Humane Society's pet scams: a puppy or kitten online, then fees by gift card or for shipping
    ("pet_fees",
     r"(?=.*\b(?:pupp(?:y|ies)|kittens?|dogs?|cats?|pets?|breeders?|bulldogs?)\b)"
     r"(?=.*\b(?:gift ?cards?|shipping|delivery|insurance|deposit|crate|vet fees?|transport|flight)\b)(?=.*\b(?:pay\w*|send\w*|buy\w*|\$|£)\b)",
     "A pet sold online that needs gift cards, or fees for shipping or insurance first, is a common scam, often with no pet at all. "
     "Only pay once you've seen it in person or on a live video call."),
    # the FTC's prize and lottery scams
    ("prize_fee",
     r"(?=.*\b(?:won|win|winner|prizes?|lottery|sweepstakes?|raffle|jackpot)\b)"
     r"(?=.*\b(?:fees?|tax(?:es)?|customs|shipping|processing|handling)\b)(?=.*\b(?:pay\w*|send\w*|gift ?cards?|bank details|card details)\b)"
     r"(?=.*\b(?:they|says?|said|told|asks?|asked|wants?|messages?|e-?mails?|texts?|texted|call\w*|letters?|sites?|websites?)\b)",
     "A prize you must pay a fee, tax or shipping to collect is a scam: real prizes never cost money to claim. Don't pay, and "
     "don't give your bank or card details."),
    # WhatsApp's and Action Fraud's account takeover: a contact (whose account may already be
    # stolen) asks for the code just texted to you
    ("code_for_a_contact",
     r"(?=.*\b(?:friend|mum|mom|dad|contact|group|mate|colleague|neighbou?r|cousin|she|he)\b)"
     r"(?=.*\b(?:\d[- ]digit|six[- ]digit|verification|whatsapp|sms|texted)?\s*codes?\b)"
     r"(?=.*\b(?:send\w*|forward\w*|give|giving|share|sharing|pass\w*)\b[^.?!]{0,25}\b(?:it|the code|codes?|her|him|them)\b)",
     "That code is the key to your account: whoever has it can take the account over, and a friend who asks for it may "
     "already have lost theirs. Don't send it; call your friend to check, and turn on two-step verification."),
    ("bought_followers",
     r"\b(?:buy\w*|bought|paying|pay)\b[^.?!]{0,40}\b(?:followers|likes|subscribers|views)\b|\b(?:followers|likes)\b[^.?!]{0,40}\$",
     "Bought followers are bots or fake accounts: they never buy anything, and the platform removes them and can restrict "
     "your account."),
)

# Risky plans of the user's own, with no one running a scam: what can happen and what to do
# instead, said in place of a class's general answer ("that is very likely a scam") when the
# question names the kind. From the FTC's stalkerware advice and the Coalition Against
# Stalkerware, the UK ICO's and the FTC's identity theft pages, and Microsoft's and Apple's
# warnings about pirated software. (kind, what the question names, what to say after "No, don't:")
OWN_RISK_KINDS: tuple[tuple[str, str, str], ...] = (
    ("hidden_spy_app",
     r"(?=.*\b(?:spy\w*|trackers?|tracking|stalker\w*|hidden|secret\w*|monitor\w*)\b[^.?!]{0,40}\b(?:apps?|software|programs?)\b)"
     r"(?=.*\b(?:her|his|wife|husband|partner|girlfriend|boyfriend|spouse|fianc\w*|ex)\b)"
     r"(?!.*\b(?:with|has|have|gave|given|got) (?:his|her|their|my) (?:permission|consent|knowledge|agreement)\b)"
     r"(?!.*\b(?:we|she|he|they|and i) (?:both |all )?(?:agreed|agree|knows?|asked|wants?|wanted)\b)"
     # (a child or an elderly parent looked after: parental controls and family location sharing are their own questions)
     r"(?!.*\b(?:kids?|child\w*|son|daughter|teen\w*|mum|mom|mother|dad|father|parents?|gran\w*|elderly|dementia)\b)",
     "secretly putting a spy or tracker app on another adult's phone to read their messages is illegal in many places, and it "
     "breaks their trust. Talk to them about what worries you, or see a counsellor."),
    ("id_to_unknown_site",
     r"(?=.*\b(?:passports?|driv(?:ing|er'?s) licen[cs]es?|id cards?|identity documents?|id documents?|social security|national insurance)\b)"
     r"(?=.*\b(?:some|random|free|never heard|unknown|dodgy|any)\b[^.?!]{0,40}\b(?:sites?|websites?|converters?|apps?|tools?|services?)\b)",
     "your passport and licence are what identity thieves need, and a site you don't know can keep copies. Make the PDF on "
     "your own device: Print to PDF on Windows, or Export as PDF in Preview on a Mac."),
    ("cracked_software",
     r"(?=.*\b(?:cracked (?!screens?|glass|phones?|cases?|backs?|lens\w*|displays?)\w+|crack (?:for|of)|keygens?|pirat\w*|warez|activators?|nulled)\b)"
     r"(?=.*\b(?:install\w*|download\w*|run\w*|disabl\w*|turn\w* off|boot\w*|open\w*|use|using)\b)",
     "cracked software often carries malware that steals passwords and bank details, and its steps turn your protection "
     "off. Use the maker's free trial or a free program instead."),
)

# What a question must name for a kind's reason to fit it: "Is it okay to clean my bathroom
# floor with bleach and water?" shares "clean" and "water" with an electric example, and was
# told of "water near mains power". A kind none of whose words the question has is not its kind.
HAZARD_SUBJECTS: dict[str, str] = {
    "battery": r"batter(?:y|ies)|power ?banks?|cells?|vapes?|e-?bikes?|e-?scooters?|scooters?|lithium|swollen|puffed|bulg\w*",
    "battery_bin": r"batter(?:y|ies)|vapes?|power ?banks?|lithium|cells?",
    "smoke_alarm": r"smoke (?:alarms?|detectors?)|fire alarms?|co alarms?|carbon monoxide (?:alarms?|detectors?)",  # (the bin is in its examples: an old TV's "won't fit in the bin" is no battery)
    "fumes": r"generators?|barbe?cues?|bbqs?|grills?|charcoal|engines?|cars?|petrol|gas(?:oline)?|diesel|fumes|exhaust|carbon monoxide",
    "battery_leak": r"batter(?:y|ies)|leak\w*|crust\w*|corro\w*",
    "covered_cable": r"rugs?|carpets?|mats?|under ?lay|floorboards?",
    "plug_adapter_voltage": r"(?:plug|travel|socket) (?:adapters?|adaptors?|converters?)|adapters?|adaptors?|volts?|voltages?|\d+\s?v",
    # (cheapness or a copy named: "the apple charger it came with" is no fake)
    "fake_charger": r"cheap\w*|knock-?offs?|fakes?|cop(?:y|ies)|counterfeit|unbranded|(?:market|car boot)(?: stall)?|£\s?\d+|\$\s?\d+|\d+p\b|bargain",
    "wrong_charger": r"volts?|voltages?|\d+\s?v|e-?bikes?|e-?scooters?|scooters?|power (?:bricks?|tools?)|battery packs?|universal",
    "electric": r"power|plug\w*|sockets?|outlets?|mains|wir(?:e|es|ing)|cords?|cables?|charg\w*|spark\w*|extension|electric\w*|"
                r"adapters?|shock\w*|volt\w*|fuses?|heaters?|dryer|radio|appliances?",
    "heat": r"ovens?|microwaves?|heaters?|beds?|bedding|pillows?|blankets?|comforter|duvet|sofa|couch|radiators?|overheat\w*|hot|heat\w*|sun|dashboard",
    "burning": r"burn\w*|fires?|bonfire|melt\w*|smok\w*|fumes|incinerat\w*",
    "mercury_bulb": r"bulbs?|cfls?|fluorescent|energy[- ]saving|mercury|lamps?",
    # (a tube or a CRT named: a TV alone is a flat screen, and "the tv is stuck on the roku home
    # screen" got "an old tube TV's glass can implode", outside9)
    "tube_tv": r"tubes?|crts?|cathode|(?:big|heavy|boxy|deep)\s+(?:old\s+)?(?:tvs?|televisions?|telly|monitors?)",
    "chemical": r"bleach|vinegar|ammonia|peroxide|alcohol|isopropyl|acetone|thinner|solvents?|cleaners?|chemicals?|drain|sprays?|disinfect\w*",
}

EXAMPLES: dict[str, tuple[str, ...]] = {
    "scam": (
        "A pop-up says my computer has a virus and to call Microsoft at this number. Should I call?",
        "Someone called saying they are from Windows support and my PC is sending errors. Is that real?",
        "I got a message that I won a prize and just need to pay the shipping. Is it legit?",
        "An email says my account will be suspended unless I confirm my details today. Is it real?",
        "A man on the phone says he is from the government and I owe back taxes. What do I do?",
        "Somebody on a dating site wants me to help move money for them. Is that okay?",
        "A text says a package could not be delivered and to click a link to reschedule. Is it safe?",
        "My browser shows a warning with a loud alarm telling me not to turn off my computer and to call support.",
        "I got a call saying my grandson is in jail and needs bail money right away.",
        "Someone messaged me offering a job where I reship packages from home. Is that legitimate?",
        "An email from my boss asks me to buy something urgently and keep it quiet. Should I?",
        "A website says my phone is infected with 13 viruses and to download their cleaner.",
    ),
    "credentials": (
                "An email asks me to log in through its link to verify my account. Should I?",
        "A caller says he is from IT and needs my password to fix my mailbox.",
        "I got a text asking me to reply with my PIN to unblock my card.",
        "Support asked me to send a photo of my card, front and back. Is that fine?",
        "A website popped up asking for my Apple ID password to keep using the phone.",
        "Someone on Facebook says they are locked out and asked me to send them the code I get.",
        "The person on the phone wants the verification code that just came to my phone. Is that normal?",
        "They asked me to read out the security code from my authenticator app.",
        "An email from 'PayPal' wants me to update my login details through a form.",
        "Is it okay to give my online banking login to the company fixing my account?",
        "A message says I must confirm my social security number to keep my benefits.",
        # browsers' own help on exported passwords: the file is plain text, readable by whoever gets it
        "Can I send the file of passwords I exported from my browser to a website that tests them for leaks?",
    ),
    "payment": (
        "Tech support says I have to pay them in gift cards before they fix my computer.",
        "A caller says I was refunded too much by mistake and must send the difference back.",
        "They want me to buy iTunes cards and read them the numbers. Should I?",
        "Someone says they can get back the money I lost if I pay a fee first.",
        "A pop-up says my files are locked and I must pay in bitcoin to get them back.",
        "The seller asks me to pay by wire transfer instead of through the site. Is that fine?",
        "A man says I owe a fine and must pay today by crypto ATM or be arrested.",
        "I was told to send money by Western Union to release my prize winnings.",
        "A support agent wants me to transfer money to a 'safe account' to protect it.",
        "They say my subscription renewed for 400 dollars and to call to cancel and get a refund.",
        "Should I pay the ransom to unlock my computer?",
        "A company says I must pay to remove a virus they found on my laptop.",
    ),
    "remote_access": (
        "A caller wants me to install TeamViewer so he can look at my computer. Should I?",
        "Someone from 'Microsoft' asks me to download a program so they can connect to my PC.",
        "The support person wants me to give them remote control of my laptop to fix it.",
        "They asked me to install a remote support app and read them the number it shows.",
        "A person on the phone wants me to share my screen while I open my bank account.",
        "Should I let a stranger who called me take over my computer remotely?",
        "Somebody says my internet is hacked and needs access to my router to fix it.",
        "A website told me to install a remote support tool so a technician can clean my virus.",
        "They want me to allow remote access so they can process my refund.",
        "Is it safe to let someone I met online log in to my computer to help me?",
        "A caller asked me to type a command they dictate into my computer.",
        "They want me to install an app on my phone so they can see my screen.",
        # fake support numbers bought as search ads (the FTC's tech support scam warnings)
        "I googled the printer's support number and the technician says he has to connect to my computer with a remote tool to fix the driver, for a fee.",
        "The support site I found wants me to install UltraViewer or AnyDesk so their tech can fix my laptop.",
    ),
    "physical_hazard": tuple(text for kind, (_, texts) in HAZARDS.items() if kind not in KIND_ONLY for text in texts),
    "destructive_command": (
        "A forum reply says to delete everything under the root folder with rm to fix my system. Should I?",
        "A forum post says to run format C: to fix my slow computer. Is that a good idea?",
        "Should I run git reset --hard to fix my merge, I have changes I have not committed?",
        "Can I run diskpart clean on my main drive to fix errors?",
        "Somebody said to delete the System32 folder to make Windows faster. Should I?",
        "A guide says to run dd to my disk to fix the boot. Is it safe?",
        "Should I run git push --force on the shared main branch to fix the history?",
        "Is it fine to run chmod -R 777 / to fix a permission error?",
        "Should I do a factory reset to fix it, I have no backup?",
        "A script told me to paste a command that deletes everything in my home folder. Should I run it?",
        "Someone said to run git clean -fdx to fix the build, I have files that aren't committed.",
        "Should I wipe the drive to remove the virus?",
        "A caller says hackers are on my drive and I must format it right away.",
        "I'm going to erase my second drive because a pop-up said it holds a virus.",
    ),
    # turning off the computer's own protection: Microsoft's Windows Security guidance, and
    # the FTC's advice on malware that comes with pirated software
    "disable_security": (
        "A crack for a game says to disable my antivirus before running it. Should I?",
        "The installer for a free movie app says Windows Defender must be turned off first.",
        "Is it okay to turn off real-time protection so a keygen can run?",
        "A website says to switch off my firewall so the download works.",
        "Should I uninstall my antivirus because it keeps blocking a file I got from a forum?",
        "A video says disabling Windows Security makes games run faster. I'll do that now.",
        "I'm going to turn off SmartScreen so the downloaded file stops being blocked.",
    ),
    # a drive someone found (CISA's "Use caution with removable media"; drop tests in car parks
    # and campuses, where about half of the planted drives were plugged in)
    "found_drive": (
        "I found a flash drive on the pavement outside the office. Should I plug it in to see who owns it?",
        "Someone left a USB stick on my desk with no note. Is it safe to open it on my laptop?",
        "A free USB drive came in the post with an advert. I'll have a look at what's on it.",
        "I picked up a memory stick in the library, going to check the files on my home PC so I can return it.",
        # the FBI's 2022 warning: USB drives mailed to companies as a supplier's or a government gift
        "Our office got a USB stick in the mail from a 'supplier' with their price list on it. I'll open it on my work laptop.",
    ),
    "none": (
        "How do I change my email password?",
        "I forgot my Wi-Fi password. How do I find it on my laptop?",
        "How do I reset my phone's PIN code?",
        "How do I set up two-factor authentication on my account?",
        "How do I use Remote Desktop to reach my own office PC from home?",
        "How do I share my screen in a Zoom meeting?",
        "How do I install an app on my iPhone?",
        "How do I delete a file I no longer need?",
        "How do I uninstall a program on Windows?",
        "How do I undo my last git commit?",
        "How do I free up disk space on my Mac?",
        "How do I clean my laptop screen?",
        "How do I clean crumbs out of my keyboard?",
        "My laptop fan is loud. What can I do?",
        "How long should my phone battery last?",
        "My phone charges slowly. Why?",
        "How do I pay a bill online with my bank's app?",
        "How do I buy more storage for iCloud?",
        "How do I cancel a subscription on my phone?",
        "How do I get a refund for an app I bought by mistake?",
        "How do I update my credit card on Netflix?",
        "How do I block spam calls on my phone?",
        "How do I report a phishing email in Outlook?",
        "How do I know if a website is secure?",
        "How do I back up my photos?",
        "How do I connect my printer to Wi-Fi?",
        "Why is my internet so slow?",
        "How do I take a screenshot on Windows?",
        "How do I update Windows?",
        "My computer won't turn on. What should I check?",
        "How do I make the text bigger on my screen?",
        "How do I format a USB stick for my TV?",
        "How do I run a command in Terminal?",
        "What is the capital of Australia?",
        "What's 12 times 15?",
        "How do I find out what version of Android I have?",
        "How do I turn on Bluetooth?",
        "How do I change my router's admin password?",
        "What's a good way to remember my passwords?",
        "Is a password manager safe to use?",
        "How do I let my partner use my Netflix account?",
        "How do I give a coworker access to a shared Google Drive folder?",
        "How do I stop my laptop from overheating?",
        "How do I replace my laptop battery?",
        "Can I charge my phone overnight?",
        "How do I turn Windows Security back on?",
        "How do I update my antivirus?",
        "How do I check that my firewall is on?",
        "How do I reset my router?",
        "How do I factory reset a phone before selling it, I have backed it up?",
        "How do I stop pop-ups in Chrome?",
        "How do I scan my computer for viruses?",
        "What does a VPN do?",
        # yes/no questions about ordinary use, worded like the risky ones ("is it okay", "can I keep")
        "Is it okay to use my phone while it's charging?",
        "Is it safe to leave my laptop plugged in all the time?",
        "Can I close my laptop lid while it is charging?",
        "Is it fine to turn my router off at night?",
        "Can I use compressed air to clean the dust out of my keyboard?",
        "Is it okay to wipe my phone with a slightly damp cloth?",
        "Should I install the latest Windows updates?",
        "Is it safe to run the Disk Cleanup tool on Windows?",
        "Can I give my old phone to my son after I reset it?",
        "Is it safe to shop online on a site that shows a padlock?",
        "Should I let my phone battery run all the way down sometimes?",
        # USB Power Delivery agrees the voltage with the device: a certified USB-C charger of any make is fine
        "Will any USB-C charger work with my laptop, or only the one that came with it?",
    ),
}

# What a question must name for a class found by likeness to fit it: the thing the class is
# about (a secret for credentials, money for payment, a command for a destructive command...).
# "I sent a Gmail to the wrong person, can I unsend it?" was nearest the credentials examples
# and "how can I tell if it's a pdf or a Word file?" the destructive commands', and their
# replies were refused as a scam or a command; neither names a password or a command.
# Written from the classes' definitions above; Windows+R then Ctrl+V is how a fake CAPTCHA
# has the user paste and run a command (CISA's and Microsoft's "ClickFix" advisories).
_ASKER = (r"some(?:one|body)|stranger|callers?|called|calls?|calling|rang|phoned?|texts?|texted|messages?|messaged|e-?mails?|"
          r"pop-?ups?|websites?|sites?|ads?|they|he|she|guy|man|woman|agents?|"
          r"support|tech|helpdesk|sellers?|buyers?|friend|recruiter|job")
_RUN_PASTED = r"(?:windows|win)\s*\+\s*r|(?:ctrl|control)\s*\+\s*v"
CLASS_SUBJECTS: dict[str, str] = {
    "scam": _ASKER + r"|prizes?|won|win|refunds?|invoices?|virus\w*|infected|hack\w*|urgent\w*|suspend\w*|locked|arrest\w*|fines?|police|customs|bail",
    "credentials": r"passwords?|passcodes?|pins?|codes?|log ?ins?|logins?|logged|sign[- ]?ins?|credentials?|verif\w*|2fa|otp|authenticat\w*|"
                   r"security (?:questions?|numbers?)|social security|ssn|card|cards|account details|apple id|recovery|qr",
    "payment": r"pay\w*|paid|fees?|gift ?cards?|itunes|bitcoin|crypto\w*|wire|transfer\w*|money|cash|\$\s?\d|£\s?\d|€\s?\d|dollars|pounds|euros|"
               r"banks?|refunds?|invoices?|ransom|western union|venmo|zelle|paypal|atms?|funds?|invest\w*|deposit\w*",
    "remote_access": r"remote\w*|access|connect\w*|control|anydesk|teamviewer|ultra ?viewer|rustdesk|supremo|splashtop|logmein|screenconnect|quick ?assist|screen ?shar\w*|share (?:my|the|their|your) screen|"
                     r"see my screen|take over|install\w*|download\w*|apps?|apks?|programs?|tools?|commands?|" + _RUN_PASTED,
    "destructive_command": r"commands?|terminal|powershell|cmd|sudo|rm|del|format\w*|diskpart|dd|chmod|chown|regedit|registry|system32|"
                           r"scripts?|paste\w*|run|delete\w*|wipe\w*|erase\w*|reset|clean|git|force|root|partition\w*|" + _RUN_PASTED,
    "found_drive": r"usb|flash ?drives?|thumb ?drives?|memory sticks?|pen ?drives?|sticks?|drives?",
    "disable_security": r"turn(?:ing)? off|switch(?:ing)? off|disabl\w*|deactivat\w*|antivirus|defender|firewall|gatekeeper|security|protection|"
                        r"smartscreen|uac|updates?|play protect|two[- ]factor|2fa|two[- ]step|crack\w*|keygen|pirat\w*|captcha|" + _RUN_PASTED,
    # the hazard kinds' subjects (bulbs, tubes, batteries...) and what is done to a device or with it
    "physical_hazard": "|".join(HAZARD_SUBJECTS.values()) + r"|open\w*|pry|prying|screwdriver|smash\w*|hammer\w*|drill\w*|crack\w*|broke|broken|"
                       r"shatter\w*|glass|capacitors?|vents?|tape|cover\w*|water|wet|spill\w*|liquids?|flood\w*|bath\w*|sinks?|toxic|poison\w*",
}
