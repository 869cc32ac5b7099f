"""Event triggers and modality on single sentences in the style of wire copy and ACLED notes.

Each row lists every (event type, trigger, modality) the sentence should yield, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from conftest import DELETE, changed, vocabulary_data
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from geo.events import triggers
from geo.events.taxonomy import EventType as E
from geo.events.text import Sentence
from geo.events.triggers import EventMention, Modality, TriggersFile, find_event_mentions
from geo.prefilter import literal_openings

A, N, H, R = Modality.ASSERTED, Modality.NEGATED, Modality.HYPOTHETICAL, Modality.REPORTED
Row = tuple[str, list[tuple[E, str, Modality]]]

CASES: list[Row] = [
    # one row per event type
    ("On 3 May 2020, regime forces shelled Ankawi in the Al Ghab Plain in Hama.",
     [(E.SHELLING, "shelled", A)]),
    ("Russian warplanes carried out air strikes on Maarat al-Numan overnight.",
     [(E.AIR_STRIKE, "air strikes", A)]),
    ("Israeli aircraft bombed a weapons depot near Damascus airport.",
     [(E.AIR_STRIKE, "bombed", A)]),
    ("The United States fired 59 Tomahawk missiles at Shayrat air base.",
     [(E.MISSILE_STRIKE, "fired 59 Tomahawk missiles", A)]),
    ("Turkish air defences shot down a Syrian jet over Idlib.",
     [(E.SHOOT_DOWN, "shot down", A)]),
    ("Clashes erupted between army troops and Islamic State fighters near Palmyra.",
     [(E.ARMED_CLASH, "Clashes", A)]),
    ("A suicide bomber struck a checkpoint in Mogadishu.",
     [(E.BOMBING, "suicide bomber", A), (E.ATTACK, "struck", A)]),
    ("Unidentified gunmen ambushed a police patrol in Kirkuk.",
     [(E.ATTACK, "ambushed", A)]),
    ("Government forces recaptured the town of Khan Sheikhoun.",
     [(E.TERRITORY_CAPTURE, "recaptured", A)]),
    ("Five civilians were killed in the village of Kafr Nabl.",
     [(E.KILLING, "killed", A)]),
    ("Al-Shabaab militants abducted three aid workers in Gedo.",
     [(E.ABDUCTION, "abducted", A)]),
    ("A Russian Su-27 intercepted a US RC-135 reconnaissance plane over the Baltic Sea.",
     [(E.INTERCEPTION, "intercepted", A)]),
    ("A Chinese fighter flew within 20 feet of a US Navy P-8 patrol aircraft.",
     [(E.INTERCEPTION, "flew within 20 feet of", A)]),
    ("NATO began military exercises in Estonia on Monday.",
     [(E.MILITARY_EXERCISE, "military exercises", A)]),
    ("The Pentagon deployed 3,000 troops to Poland.", [(E.DEPLOYMENT, "deployed", A)]),
    ("Russia withdrew its forces from Kherson.", [(E.WITHDRAWAL, "withdrew", A)]),
    ("North Korea warned of a nuclear response.", [(E.THREAT, "warned", A)]),
    ("The European Union condemned the attack on the convoy.",
     [(E.CONDEMNATION, "condemned", A), (E.ATTACK, "attack", A)]),
    ("The UN Security Council demanded an immediate halt to the violence.",
     [(E.DEMAND, "demanded", A)]),
    ("Russian and Turkish officials held talks in Ankara on Idlib.",
     [(E.TALKS, "talks", A)]),
    ("The warring sides agreed on a ceasefire in Aleppo.",
     [(E.AGREEMENT, "agreed on", A), (E.AGREEMENT, "ceasefire", A)]),
    ("Moscow suspended the deconfliction hotline with Washington.",
     [(E.SUSPENSION_OF_COOPERATION, "suspended the deconfliction", A)]),
    ("Washington imposed new sanctions on Iranian oil exports.",
     [(E.SANCTIONS, "imposed new sanctions", A)]),
    ("A UN convoy delivered food aid to Douma.", [(E.AID, "delivered food aid", A)]),
    ("Thousands of demonstrators rallied in Baghdad's Tahrir Square.",
     [(E.PROTEST, "demonstrators", A), (E.PROTEST, "rallied", A)]),
    ("Rioters torched government buildings in Basra.",
     [(E.RIOT, "Rioters", A), (E.LOOTING, "torched", A)]),
    ("Police arrested a journalist in Istanbul.", [(E.ARREST, "arrested", A)]),
    ("Thousands of residents fled the fighting in Tal Rifaat.",
     [(E.DISPLACEMENT, "fled", A), (E.ARMED_CLASH, "fighting", A)]),
    ("Iraqis voted in parliamentary elections on Sunday.",
     [(E.ELECTION, "voted", A), (E.ELECTION, "elections", A)]),
    ("The ministry said the situation was calm.", [(E.STATEMENT, "said", A)]),
    # negation
    ("The ministry denied that its forces shelled the village.", [(E.SHELLING, "shelled", N)]),
    ("The coalition said its aircraft did not strike the mosque.", [(E.ATTACK, "strike", N)]),
    ("There were no airstrikes on Idlib overnight, monitors said.",
     [(E.AIR_STRIKE, "airstrikes", N)]),
    ("Damascus insists its forces never attacked civilians.", [(E.ATTACK, "attacked", N)]),
    # reported speech, threats, hypotheticals
    ("Russia said it would strike any aircraft crossing the line.",
     [(E.THREAT, "said", A), (E.ATTACK, "strike", H)]),
    ("Iran threatened to bomb US bases in the region.",
     [(E.THREAT, "threatened", A), (E.AIR_STRIKE, "bomb", H)]),
    ("Ankara warned it would launch a new offensive in northern Syria.",
     [(E.THREAT, "warned", A), (E.ATTACK, "offensive", H)]),
    ("Moscow said it would treat any US jet flying west of the Euphrates as a potential target.",
     [(E.THREAT, "treat any US jet flying west of the Euphrates as a potential target", A)]),
    ("The rebels could face retaliation if they attacked again.",
     [(E.ATTACK, "attacked", H)]),
    ("Turkey accused Kurdish militants of shelling border towns.",
     [(E.ACCUSATION, "accused", A), (E.SHELLING, "shelling", R)]),
    # suspects act: what suspected members did is told
    ("Suspected members of the Islamic State attacked a checkpoint.", [(E.ATTACK, "attacked", A)]),
    ("Gunmen wanted by police for years attacked a checkpoint.", [(E.ATTACK, "attacked", A)]),
    ("Gunmen suspected of being bandits abducted 30 students in Kaduna state.",
     [(E.ABDUCTION, "abducted", A)]),
    ("Activists said the alleged chemical attack killed dozens.",
     [(E.CHEMICAL_ATTACK, "chemical attack", R), (E.KILLING, "killed", A)]),
    ("The army plans to deploy more troops to the border.", [(E.DEPLOYMENT, "deploy", H)]),
    # passive voice
    ("The SU-22 was shot down by a US F/A-18E Super Hornet.", [(E.SHOOT_DOWN, "shot down", A)]),
    ("Two soldiers were abducted by gunmen near Arsal.", [(E.ABDUCTION, "abducted", A)]),
    # several events, past events in subordinate clauses
    ("Russian air strikes on rebel-held Idlib killed 12 civilians, a monitor said.",
     [(E.AIR_STRIKE, "air strikes", A), (E.KILLING, "killed", A)]),
    ("Russia suspended the hotline after a US jet downed a Syrian warplane.",
     [(E.SUSPENSION_OF_COOPERATION, "suspended the hotline", A), (E.SHOOT_DOWN, "downed", A)]),
    ("In response to the shelling, Israeli jets struck Hamas positions in Gaza.",
     [(E.SHELLING, "shelling", A), (E.AIR_STRIKE, "struck", A)]),
    # an attack whose subject is the weapon is a strike of that kind
    ("A Russian drone struck a fuel depot near Kharkiv overnight.", [(E.AIR_STRIKE, "struck", A)]),
    ("Two rockets struck a residential compound in Erbil.", [(E.MISSILE_STRIKE, "struck", A)]),
    ("Turkish artillery targeted Kurdish positions near Kobani.", [(E.SHELLING, "targeted", A)]),
    ("Gunmen on motorcycles attacked a convoy near Gao.", [(E.ATTACK, "attacked", A)]),
    # forced to flee: the flight happened; threatened to force it: it did not
    ("The fighting forced thousands of families to flee their homes.",
     [(E.ARMED_CLASH, "fighting", A), (E.DISPLACEMENT, "flee", A)]),
    ("The rebels threatened to force villagers to flee.",
     [(E.THREAT, "threatened", A), (E.DISPLACEMENT, "flee", H)]),
    # figurative or agentless "threat" is no threat event
    ("The standoff is the latest in a series of incidents that threatens to escalate the "
     "conflict.", []),
    ("The drought threatens crops across the region.", []),
    ("The dispute threatens to derail the peace process.", []),
    ("Officials said the militants pose a serious threat to the capital.",
     [(E.STATEMENT, "said", A)]),
    ("Hezbollah threatened Israel with a harsh response.", [(E.THREAT, "threatened", A)]),
    # purpose, avoidance and prevention: the event is referred to, not reported
    ("Russia deployed jets to the base to avoid clashes with US aircraft.",
     [(E.DEPLOYMENT, "deployed", A), (E.ARMED_CLASH, "clashes", H)]),
    ("The hotline is aimed at preventing accidental air strikes on allied troops.",
     [(E.AIR_STRIKE, "air strikes", H)]),
    ("The UN renewed efforts to stop the fighting in Idlib.", [(E.ARMED_CLASH, "fighting", H)]),
    ("The rebels warned government troops to stop their attacks or face retaliation.",
     [(E.THREAT, "warned", A), (E.ATTACK, "attacks", H)]),
    ("The general said the two armies would work to avoid clashes.",
     [(E.ARMED_CLASH, "clashes", H)]),
    # ... a verb, not the end of a compound adjective
    ("The governor declared an open-ended curfew in 13 villages.",
     [(E.EMERGENCY_RULE, "curfew", A)]),
    # threats by speech
    ("Moscow said it would target US jets flying in Syrian airspace.",
     [(E.THREAT, "said", A), (E.ATTACK, "target", H)]),
    ("Iran warned it would retaliate against any attack.",
     [(E.THREAT, "warned", A), (E.ATTACK, "retaliate", H), (E.ATTACK, "attack", H)]),
    ("The ministry says in a statement that, starting Monday, it will track all jets of the "
     "coalition and treat them as targets.", [(E.THREAT, "treat them as targets", A)]),
    # gerund complements and nouns after determiners
    ("Russia condemned the United States for shooting down a Syrian Air Force fighter jet.",
     [(E.CONDEMNATION, "condemned", A), (E.SHOOT_DOWN, "shooting down", A)]),
    ("Washington condemned the attack on the convoy.",
     [(E.CONDEMNATION, "condemned", A), (E.ATTACK, "attack", A)]),
    ("The coalition has been bombing Islamic State targets since 2014.",
     [(E.AIR_STRIKE, "bombing", A)]),
    ("Protesters demanded the release of detained activists.",
     [(E.PROTEST, "Protesters", A), (E.DEMAND, "demanded", A)]),
    # ... as is one an adverb qualifies after a determiner
    ("Mortar shells fell on the recently recaptured Gogjali neighbourhood.",
     [(E.SHELLING, "Mortar shells", A)]),
    ("Militants shelled a newly captured village.", [(E.SHELLING, "shelled", A)]),
    # disrupted weapons use: launchers primed to fire
    ("The army found and dismantled two rocket launchers primed to fire.",
     [(E.WEAPONS_SEIZURE, "dismantled two rocket launchers", A)]),
    # what a convoy carried may stand between it and its verb
    ("A convoy of around 100 Turkish military vehicles carrying commandos, tanks and artillery "
     "passed through Antakya.", [(E.DEPLOYMENT, "convoy of around 100 Turkish military "
     "vehicles carrying commandos, tanks and artillery passed", A)]),
    # ... not a civilian one
    ("A convoy of buses carrying evacuees, including women and children, left Mariupol.", []),
    # a weapon named with who fired it from where, before the verb
    ("Rockets fired by opposition factions from the northern countryside of Hama hit "
     "residential streets.", [(E.MISSILE_STRIKE, "Rockets fired by opposition factions from "
     "the northern countryside of Hama hit", A)]),
    # the passive names what was hit first
    ("A navy support vessel was hit by a missile near Jask.",
     [(E.MISSILE_STRIKE, "hit by a missile", A)]),
    # a weapon stopped before it struck
    ("The coalition destroyed two explosive-laden remote-controlled boats off Ras Isa.",
     [(E.SHOOT_DOWN, "destroyed two explosive-laden remote-controlled boats", A)]),
    # a body found with what it bore written out between
    ("The bodies of three young men, each shot in the head and with their hands bound, were "
     "found on the outskirts of the town.", [(E.KILLING, "bodies", A)]),
    ("Israeli forces demolished a house in Beit Ummar.", [(E.LOOTING, "demolished", A)]),
    ("The SDF handed over several villages to regime forces.",
     [(E.TERRITORY_CAPTURE, "handed over", A)]),
    # what ACLED codes and wire copy words many ways: movement of forces
    ("Turkish and Russian troops conducted a joint patrol east of Kobani.",
     [(E.DEPLOYMENT, "conducted a joint patrol", A)]),
    ("The army sent reinforcements to the outskirts of Saraqeb.",
     [(E.DEPLOYMENT, "sent reinforcements", A)]),
    ("A US military convoy entered Hasakah from the Iraqi border.",
     [(E.DEPLOYMENT, "convoy entered", A)]),
    ("Regime forces redeployed to the Maarrat al-Numan front.", [(E.DEPLOYMENT, "redeployed", A)]),
    ("Movement of forces: militia fighters patrolled the desert near Mayadin.",
     [(E.DEPLOYMENT, "Movement of forces", A), (E.DEPLOYMENT, "patrolled", A)]),
    ("Coalition forces withdrew from the Tanf garrison.", [(E.WITHDRAWAL, "withdrew", A)]),
    # looting, extortion, property destruction
    ("Gunmen looted shops and torched two houses in the village.",
     [(E.LOOTING, "looted", A), (E.LOOTING, "torched", A)]),
    ("Militiamen extorted traders at a checkpoint on the Homs road.",
     [(E.LOOTING, "extorted", A)]),
    ("Fighters ransacked the clinic and burned crops in the fields nearby.",
     [(E.LOOTING, "ransacked", A), (E.LOOTING, "burned crops", A)]),
    # anti-tank weapons, rockets, mortars
    ("Rebels destroyed an army vehicle with an anti-tank guided missile.",
     [(E.MISSILE_STRIKE, "anti-tank guided missile", A)]),
    ("An ATGM hit a regime bulldozer near Kabani.", [(E.MISSILE_STRIKE, "ATGM", A)]),
    ("Gunmen fired an RPG at a police checkpoint in Tarmiyah.",
     [(E.MISSILE_STRIKE, "fired an RPG", A)]),
    ("Two mortars landed in a residential area of Azaz.", [(E.SHELLING, "mortars landed", A)]),
    ("Al Shabaab militants fired mortars at the AMISOM base near Baidoa.",
     [(E.SHELLING, "fired mortars", A)]),
    ("Police fired tear gas canisters at stone pelters in Anantnag.",
     [(E.PROTEST, "tear gas", A)]),
    # bodies, executions and the many words for killing
    ("The body of a shepherd was found with gunshot wounds near Sukhnah.",
     [(E.KILLING, "body", A)]),
    ("Residents found the bodies of three men in an orchard.",
     [(E.KILLING, "found the bodies", A)]),
    ("Two bodies were found with gunshot wounds on the Kirkuk road.", [(E.KILLING, "bodies", A)]),
    ("A teacher was found dead in his home.", [(E.KILLING, "found dead", A)]),
    ("IS militants executed two men accused of spying.",
     [(E.KILLING, "executed", A), (E.ACCUSATION, "accused", A)]),
    ("A tribal elder was gunned down outside a mosque.", [(E.KILLING, "gunned down", A)]),
    ("Unknown gunmen assassinated a local official in Tafas.",
     [(E.KILLING, "assassinated", A)]),
    ("A farmer was stabbed to death near Jableh.", [(E.KILLING, "stabbed to death", A)]),
    ("Soldiers burn four villagers alive in a hamlet near the river.",
     [(E.KILLING, "burn four villagers alive", A)]),
    ("Locals find the body of a young man near the refinery.",
     [(E.KILLING, "find the body", A)]),
    ("Government troops repelled an attack on the town.",
     [(E.ARMED_CLASH, "repelled", A), (E.ATTACK, "attack", A)]),
    ("Border guards pushed the attackers back across the river.",
     [(E.ARMED_CLASH, "pushed the attackers back", A)]),
    ("Troops resorted to heavy firing along the border.", [(E.ATTACK, "heavy firing", A)]),
    ("Twenty fighters perished in the battle for the hill.",
     [(E.KILLING, "perished", A), (E.ARMED_CLASH, "battle", A)]),
    ("A soldier died of his wounds in hospital.", [(E.KILLING, "died of his wounds", A)]),
    # "sniper shot" before its object is the verb: the sniper shot (an initiator)
    ("A sniper shot a child in the old city.", [(E.ATTACK, "shot", A)]),
    ("A Houthi sniper shot dead a boy in Taiz.", [(E.KILLING, "shot dead", A)]),
    ("The boy was hit by a sniper shot to the head.", [(E.ATTACK, "sniper shot", A)]),
    ("Gunmen shot a farmer in the leg.", [(E.ATTACK, "shot", A)]),
    ("Sniper fire wounded a woman near the crossing.",
     [(E.ATTACK, "Sniper fire", A), (E.ATTACK, "wounded", A)]),
    # landmines, IEDs, car and suicide bombs, grenades
    ("A boy stepped on a landmine while herding sheep.",
     [(E.BOMBING, "stepped on a landmine", A)]),
    ("A landmine exploded under a car near Deir Hafer.",
     [(E.BOMBING, "landmine", A), (E.BOMBING, "exploded", A)]),
    ("An explosive device went off near a patrol in Raqqa.", [(E.BOMBING, "explosive device", A)]),
    ("A VBIED struck a checkpoint near Tal Abyad.",
     [(E.BOMBING, "VBIED", A), (E.ATTACK, "struck", A)]),
    ("Two children were killed by remnants of war in Jisr al-Shughur.",
     [(E.KILLING, "killed", A), (E.BOMBING, "remnants of war", A)]),
    ("Unidentified men threw a hand grenade into a shop.", [(E.BOMBING, "hand grenade", A)]),
    ("Engineers defused an IED planted under a bridge.",
     [(E.WEAPONS_SEIZURE, "defused an IED", A)]),
    # demonstrations
    ("Youths blocked roads with burning tyres in Jdeidet.",
     [(E.RIOT, "blocked roads with burning tyres", A)]),
    ("Police dispersed the protest with tear gas.",
     [(E.PROTEST, "dispersed", A), (E.PROTEST, "protest", A), (E.PROTEST, "tear gas", A)]),
    ("Crowds were rioting outside the courthouse.", [(E.RIOT, "rioting", A)]),
    ("Protesters set fire to the party office.",
     [(E.PROTEST, "Protesters", A), (E.LOOTING, "set fire to", A)]),
    # raids, abductions, disappearances
    ("Security forces stormed a house and detained two brothers.",
     [(E.ATTACK, "stormed", A), (E.ARREST, "detained", A)]),
    ("A journalist went missing after leaving a checkpoint.",
     [(E.ABDUCTION, "went missing", A)]),
    ("Gunmen kidnapped a doctor on the Damascus highway.", [(E.ABDUCTION, "kidnapped", A)]),
    # territory taken back, in a report's past and a headline's present
    ("Government troops regained the village of Umm Batna after a week of fighting.",
     [(E.TERRITORY_CAPTURE, "regained", A), (E.ARMED_CLASH, "fighting", A)]),
    ("Afghan forces retake Dand district centre from Taliban.",
     [(E.TERRITORY_CAPTURE, "retake", A)]),
    ("Army units recapture key hills from Houthi fighters near Nihm.",
     [(E.TERRITORY_CAPTURE, "recapture", A)]),
    ("Government forces entered Jaar unopposed, retaking the town.",
     [(E.TERRITORY_CAPTURE, "retaking", A)]),
    # a group formed, merged or split
    ("JFS merged with Nour al-Din al-Zenki to form a new alliance.",
     [(E.GROUP_CHANGE, "merged with", A)]),
    ("Al-Zubaidi announced the formation of the Southern Transitional Council.",
     [(E.GROUP_CHANGE, "announced the formation of", A)]),
    ("Islamic State militants swept back into Palmyra on Sunday.",
     [(E.TERRITORY_CAPTURE, "swept back into", A)]),
    ("Kurdish fighters pushed into the town of Bashiqa on Monday.",
     [(E.TERRITORY_CAPTURE, "pushed into the town", A)]),
    ("Troops raised the Syrian flag over Douma.",
     [(E.TERRITORY_CAPTURE, "raised the Syrian flag over", A)]),
    ("Tribal fighters restored full control over the Rabia border crossing.",
     [(E.TERRITORY_CAPTURE, "restored full control over", A)]),
    ("Counter-terrorism units cleared the last IS-held villages north of Hit.",
     [(E.TERRITORY_CAPTURE, "cleared the last IS-held villages", A)]),
    # ... and what is regained, recaptured or cleared elsewhere
    ("The striker regained his composure and scored twice.", []),
    ("The recapture of the town took a month.", []),
    ("Crews cleared the road after the storm.", []),
    ("The council hopes to regain market share from the new mall.", []),
    # fire exchanged with any weapon is a clash
    ("Rival clans exchanged heavy machinegun and mortar fire in the old market.",
     [(E.ARMED_CLASH, "exchanged heavy machinegun and mortar fire", A)]),
    ("Border guards traded fire with smugglers near the crossing.",
     [(E.ARMED_CLASH, "traded fire", A)]),
    # an operation announced or begun is a change to the group's activity
    ("The army announced the launch of Operation Iron Dawn to clear the hills of militants.",
     [(E.DEPLOYMENT, "launch of Operation", A)]),
    ("Police launched a security operation in the Jdeideh suburb.",
     [(E.DEPLOYMENT, "launched a security operation", A)]),
    ("The company announced the launch of its new phone.", [(E.STATEMENT, "announced", A)]),
    # massacres, and strikes as nouns
    ("Militiamen massacred 30 villagers in Gbaya.", [(E.KILLING, "massacred", A)]),
    ("Gunmen killed 14 people in mass shootings at two farms.",
     [(E.KILLING, "killed", A), (E.KILLING, "mass shootings", A)]),
    ("US strikes on militia depots near Qaim killed four fighters.",
     [(E.ATTACK, "strikes", A), (E.KILLING, "killed", A)]),
    ("An Israeli strike hit a motorbike near Bint Jbeil.", [(E.ATTACK, "strike", A)]),
    # the weapon that is a verb's subject names the strike
    ("Drones laden with explosives struck a wedding tent in Marib.",
     [(E.AIR_STRIKE, "struck", A)]),
    ("A mortar round fired from the hills struck a bakery in Jisr al-Shughur.",
     [(E.SHELLING, "mortar round", A), (E.SHELLING, "struck", A)]),
    ("A rocket launched from across the border struck a school in Kilis.",
     [(E.MISSILE_STRIKE, "struck", A)]),
    ("A drone, apparently Iranian-made, struck an oil depot near Erbil.",
     [(E.AIR_STRIKE, "struck", A)]),
    # ... however long the phrase after it, and with an aside
    ("Missiles fired from areas controlled by Syrian government forces and their Russian "
     "allies struck a fuel market near Jarablus.", [(E.MISSILE_STRIKE, "struck", A)]),
    ("Missiles fired by Israeli aircraft, according to state media, hit a home in Mazzeh.",
     [(E.MISSILE_STRIKE, "Missiles fired by Israeli aircraft, according to state media, hit",
       A)]),
    ("Syrian helicopters pounded rebel-held villages near Latamneh.",
     [(E.AIR_STRIKE, "pounded", A)]),
    ("Two drone strikes hit a convoy near Hajin.", [(E.AIR_STRIKE, "drone strikes", A)]),
    # ... not a weapon some other phrase holds
    ("Gunmen armed with rockets stormed the checkpoint.", [(E.ATTACK, "stormed", A)]),
    ("Fighters fired rockets and attacked the base.",
     [(E.MISSILE_STRIKE, "fired rockets", A), (E.ATTACK, "attacked", A)]),
    # captives counted before their participle: no capture
    ("Militants shot dead 25 captured soldiers near the dam.", [(E.KILLING, "shot dead", A)]),
    ("The army captured 25 villages near the dam.", [(E.TERRITORY_CAPTURE, "captured", A)]),
    # a capitalised speech verb inside a sentence is a name
    ("The cross found Said unguarded on the far post.", []),
    ('"We will not leave," Said the commander.', [(E.STATEMENT, "Said", A)]),
    # "riot police" is the police, not a riot
    ("Riot police fired tear gas at students outside the university.",
     [(E.PROTEST, "tear gas", A)]),
    ("A riot police officer shot dead the ambassador at an exhibition in Ankara.",
     [(E.KILLING, "shot dead", A)]),
    # weapons launched or fired at a target, active or passive
    ("Unidentified groups launched ten drones at the Hmeimim airbase.",
     [(E.AIR_STRIKE, "launched ten drones", A)]),
    ("Thirty rockets were fired at the K1 base near Kirkuk.",
     [(E.MISSILE_STRIKE, "rockets were fired", A)]),
    ("Mortar rounds were fired at the district council building.",
     [(E.SHELLING, "Mortar rounds were fired", A)]),
    # fire returned, a ground offensive: fighting
    ("Insurgents returned fire and the patrol withdrew.",
     [(E.ARMED_CLASH, "returned fire", A), (E.WITHDRAWAL, "withdrew", A)]),
    ("Turkish forces launched a ground operation against PKK positions in Haftanin.",
     [(E.ARMED_CLASH, "launched a ground operation", A)]),
    # people taken and not seen again
    ("The men were taken away and most remain missing.",
     [(E.ABDUCTION, "were taken away", A), (E.ABDUCTION, "remain missing", A)]),
    ("The fate of the detainees remains unknown.",
     [(E.ABDUCTION, "fate of the detainees remains unknown", A)]),
    # a crowd forcing its way in and destroying property
    ("Hundreds of supporters broke into the embassy compound, setting fires and smashing "
     "security cameras.",
     [(E.ATTACK, "broke into", A), (E.LOOTING, "setting fires", A),
      (E.LOOTING, "smashing security cameras", A)]),
    # suicide bombings (plural), a takeover, a withdrawal without a fight
    ("A wave of suicide bombings in Mukalla killed at least 38 soldiers.",
     [(E.BOMBING, "suicide bombings", A), (E.KILLING, "killed", A)]),
    ("SDF fighters completed the takeover of Tabqa.",
     [(E.TERRITORY_CAPTURE, "completed the takeover of", A)]),
    ("SDF forces declared the capture of Baghouz.",
     [(E.TERRITORY_CAPTURE, "declared the capture of", A)]),
    ("The prime minister announced the full liberation of Mosul.",
     [(E.TERRITORY_CAPTURE, "announced the full liberation of", A)]),
    ("Peshmerga forces withdrew without a fight from Sinjar.",
     [(E.TERRITORY_CAPTURE, "withdrew without a fight", A)]),
    # live fire; suicide and car bombs told together
    ("Security forces fired live ammunition at protesters in Sanandaj.",
     [(E.ATTACK, "fired live ammunition", A), (E.PROTEST, "protesters", A)]),
    ("ISIS carried out coordinated suicide and car bomb attacks in Jableh.",
     [(E.BOMBING, "suicide and car bomb attacks", A)]),
    # a place taken, left or handed to another force; a patrol carried out
    ("Houthi forces took the local authority compound.",
     [(E.TERRITORY_CAPTURE, "took the local authority compound", A)]),
    ("He took the bus to the city centre.", []),
    ("The fighters withdrew, leaving the border town to Turkish forces.",
     [(E.WITHDRAWAL, "withdrew", A), (E.TERRITORY_CAPTURE, "leaving the border town to", A)]),
    ("Russian and Turkish forces carried out their first joint ground patrol near Darbasiyah.",
     [(E.DEPLOYMENT, "carried out their first joint ground patrol", A)]),
    # forces confronting each other without fire; a car driven into people is no such thing
    ("A Russian armoured vehicle rammed a US MRAP near Dayrik.",
     [(E.CONFRONTATION, "rammed a US MRAP", A)]),
    ("A stand-off between Russian and American patrols lasted an hour.",
     [(E.CONFRONTATION, "stand-off between Russian and American patrols", A)]),
    ("A driver rammed his car into a crowd in Nice.", []),
    # headlines in the present tense
    ("Tigray rebels take control of Lalibela.", [(E.TERRITORY_CAPTURE, "take control of", A)]),
    ("Rebels capture town in north.", [(E.TERRITORY_CAPTURE, "capture", A)]),
    ("Troops plan to capture the hill.", [(E.TERRITORY_CAPTURE, "capture", H)]),
    # a protest that is the purpose of a gathering happened; an attack troops gathered for
    # has not
    ("Residents gathered in front of the governorate building in Sweida to protest the "
     "price rises.", [(E.PROTEST, "protest", A)]),
    ("Troops gathered near the border to attack the town.", [(E.ATTACK, "attack", H)]),
    ("Residents plan to protest on Friday.", [(E.PROTEST, "protest", H)]),
    # curfews, states of emergency, self-rule
    ("Authorities imposed a curfew on Cizre.", [(E.EMERGENCY_RULE, "curfew", A)]),
    ("The council declared self-rule in the south.",
     [(E.EMERGENCY_RULE, "declared self-rule", A)]),
    ("The government declared a state of emergency in Aden.",
     [(E.EMERGENCY_RULE, "state of emergency", A)]),
    # headline and monitor wording of deaths and offensives
    ("About 190 fell yesterday.", [(E.KILLING, "fell", A)]),
    ("Prices fell 5 percent in Damascus.", []),
    ("They locate an executed man in a ravine.", [(E.KILLING, "locate an executed", A)]),
    ("They find the charred remains of a person.", [(E.KILLING, "find the charred remains", A)]),
    ("A double homicide in Zamora.", [(E.KILLING, "homicide", A)]),
    ("Russian forces destroyed 65 Ukrainian soldiers.", [(E.KILLING, "destroyed", A)]),
    ("Russian forces destroyed a bridge.", []),
    ("Regime forces shell areas in the Qalamoun.", [(E.SHELLING, "shell", A)]),
    ("The militia targets the army in Mayadin.", [(E.ATTACK, "targets", A)]),
    ("Military targets in Syria.", []),
    ("Conflicts claim more than 150 lives.", [(E.KILLING, "claim more than 150 lives", A)]),
    ("The town fell on Tuesday.", [(E.TERRITORY_CAPTURE, "fell", A)]),
    ("The town fell silent.", []),
    ("Syrian troops besiege rebellious suburb.", [(E.ARMED_CLASH, "besiege", A)]),
    # an ACLED note's toll label belongs to the note's event: no event of its own
    ("Fatalities: 23.", []),
    ("The area where the SDF established its headquarters.", []),
    ("Regime forces advanced into Saraqib.", [(E.ARMED_CLASH, "advanced into", A)]),
    ("Rebels suffered heavy fatalities.", [(E.KILLING, "suffered heavy fatalities", A)]),
    ("Aid reached the besieged city of Deir Ezzor.", [(E.AID, "Aid", A)]),
    ("The bar demands an inquiry into the murder.",
     [(E.DEMAND, "demands", A), (E.KILLING, "murder", A)]),
    ("Regime forces broke the three-year ISIS siege of Deir-ez-Zor city.",
     [(E.TERRITORY_CAPTURE, "broke the three-year ISIS siege", A)]),
    # a petrol bomb is thrown, not dropped from the air; the verb still bombs
    ("Rioters threw petrol bombs at the police station.",
     [(E.RIOT, "Rioters", A), (E.RIOT, "threw petrol bombs", A)]),
    ("Police fired smoke bombs at the crowd.", []),
    ("Russia bombs Aleppo again.", [(E.AIR_STRIKE, "bombs", A)]),
    # forces that enter a town after fighting take it
    ("Government forces entered Tarhuna after brief clashes on its outskirts.",
     [(E.TERRITORY_CAPTURE, "entered", A), (E.ARMED_CLASH, "clashes", A)]),
    # bombs that go off are no air strike
    ("Two bombs exploded at the cathedral in Jolo.", [(E.BOMBING, "exploded", A)]),
    # "May" the month is no modal: a day or a preposition before it, "Day" after it
    ("On 3 May gunmen shot dead a shopkeeper in Basra.", [(E.KILLING, "shot dead", A)]),
    ("In May protesters rallied in Basra.",
     [(E.PROTEST, "protesters", A), (E.PROTEST, "rallied", A)]),
    ("Security forces broke up a May Day rally in Tehran.",
     [(E.PROTEST, "broke up a May Day rally", A)]),
    ("On 3rd May gunmen shot dead two men in Kirkuk.", [(E.KILLING, "shot dead", A)]),
    ("Officials said gunmen may attack Basra.", [(E.THREAT, "said", A), (E.ATTACK, "attack", H)]),
    # a strike carried out at hospitals, not on or against a target, is no military one
    ("Doctors carried out a strike at hospitals in Khartoum.", []),
    # a strike by workers is a protest; a fire set in the passive destroys property
    ("Teachers went on strike in Basra.", [(E.PROTEST, "went on strike", A)]),
    ("Traders closed their shops in a general strike in Sanandaj.",
     [(E.PROTEST, "closed their shops in a general strike", A)]),
    ("The camp was set on fire.", [(E.LOOTING, "was set on fire", A)]),
    # no event
    ("The weather in Damascus was mild on Tuesday.", []),
    ("Bashar Assad has ruled Syria since 2000.", []),
    ("", []),
]


def _events(text: str) -> list[EventMention]:
    sentence = Sentence(start=0, end=len(text), text=text)
    return find_event_mentions(text, sentence)


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_event_mentions(text: str, expected: list[tuple[E, str, Modality]]) -> None:
    events = _events(text)
    assert [(e.event_type, e.trigger_text, e.modality) for e in events] == expected
    for e in events:
        assert text[e.trigger_start : e.trigger_end] == e.trigger_text
        assert e.cue.startswith(("lexicon:", "speech+"))


def test_no_asserted_attack_in_a_threat() -> None:
    events = _events("Russia said it would strike any US jet west of the Euphrates.")
    assert not [e for e in events if e.modality is A and e.event_type is not E.THREAT]


def test_offsets_are_document_offsets() -> None:
    doc = "Headline\n\nRegime forces shelled Kafr Zita."
    sentence = Sentence(start=10, end=len(doc), text=doc[10:])
    (event,) = find_event_mentions(doc, sentence)
    assert (event.trigger_start, event.trigger_text) == (24, "shelled")


@pytest.mark.parametrize(
    ("text", "truncated"),
    [
        ("Syrian state media said the army remained on alert near Hama.", True),
        ("The Kremlin said, according to Interfax, that Russian troops were not involved.", True),
        ("Iraqi officials announced on Sunday that the border with Syria would reopen.", True),
        # an agent or an inverted speaker after the verb: the whole sentence is read
        ("The new timetable was announced by the Syrian government on Monday.", False),
        ("Calm has returned to the city, said a Turkish military spokesman.", False),
        # another event's target lies after its verb: the whole sentence is read
        ("Officials said Turkish jets bombed Kurdish fighters near Duhok.", False),
    ],
)
def test_speech_only_sentences_give_what_the_whole_sentence_gives(
    text: str, truncated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence that only reports speech reads no actor after its last speech verb."""
    sentence = Sentence(start=0, end=len(text), text=text)
    until = triggers._actors_needed_until
    candidates = triggers._candidate_triggers(text, sentence, triggers._PREFILTER.candidates(text))
    assert (until(text, candidates) is not None) == truncated
    events = find_event_mentions(text, sentence)
    monkeypatch.setattr(triggers, "_actors_needed_until", lambda text, candidates: None)
    assert events == find_event_mentions(text, sentence)
    assert all(e.actors for e in events)


def test_table_precision_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """Precision-style counts over the whole table, printed with ``pytest -s``."""
    expected_total = found_total = correct = 0
    for text, expected in CASES:
        got = {(e.event_type, e.trigger_text, e.modality) for e in _events(text)}
        want = set(expected)
        expected_total += len(want)
        found_total += len(got)
        correct += len(got & want)
    with capsys.disabled():
        print(f"\ntriggers: expected={expected_total} found={found_total} correct={correct}")
    assert correct == expected_total == found_total


# --- where rules are tried: openings and the cue window -------------------------------------


@pytest.mark.parametrize(
    ("pattern", "openings"),
    [
        (r"(?<![\w-])(?:shot\s+down|downed|(?:peace\s+)?talks)", ("down", "peac", "shot", "talk")),
        (r"(?:(?<=to\s)|(?<=will\s))bomb|strafed", ("bomb", "stra")),  # look-behinds are no text
        (r"m[ae]t(?:\s+with)?|gun\s?battles?", ("gun", "mat", "met")),  # cut at "\s"
        (r"[ab]c(?:d|e)fgh", ("acdf", "acef", "bcdf", "bcef")),  # cut at four characters
        (r"x{0,3}y", ("x", "y")),
        (r"(?:[\w-]+\s+){0,3}?missiles?", None),  # may start with any word
        (r"(?i:forces)", None),  # case folding switched on inside: cannot say
    ],
)
def test_openings(pattern: str, openings: tuple[str, ...] | None) -> None:
    assert literal_openings(pattern) == openings


def test_every_rule_has_openings() -> None:
    """No rule falls back to a regex tried at every character."""
    assert all(openings is not None for openings in triggers._OPENINGS)


_FILLER = st.sampled_from([" ", "  ", "-", "'", ", ", ".", "\n", "re", "the ", "x", "İ", "\u2019"])


@pytest.mark.parametrize("index", range(len(triggers.RULES)))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_rule_matches_are_those_of_finditer(index: int, data: st.DataObject) -> None:
    rule, regex = triggers._COMPILED[index]
    pieces = [data.draw(_FILLER)]
    for _ in range(data.draw(st.integers(1, 3))):
        trigger = st.from_regex(re.compile(rule.pattern, re.IGNORECASE), fullmatch=True)
        pieces.append(data.draw(trigger))
        pieces.append(data.draw(_FILLER))
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))

    def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches]

    expected = spans(regex.finditer_in_document(text, start, end))
    assert spans(triggers._rule_matches(index, text, start, end)) == expected, text


@pytest.mark.parametrize("index", range(len(triggers._CUES)))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_cues_match_words_only_so_the_window_tail_decides(index: int, data: st.DataObject) -> None:
    """What ``_modality`` relies on to search only after the window's last punctuation."""
    cue = triggers._CUES[index]
    match = data.draw(st.from_regex(cue.folding, fullmatch=True))
    assert re.fullmatch(r"[\w'\s-]*", match), match
    words = data.draw(st.lists(_FILLER | st.sampled_from(["(", '"', "not ", "to ", "would "])))
    left = "".join(words) + match
    before_words = triggers._BEFORE_WORDS.match(left)
    tail = left[before_words.end() :] if before_words else left
    assert (cue.search(tail) is None) == (cue.search(left) is None), left


# --- the lexicon file: triggers.toml ---------------------------------------------------------

_DATA = vocabulary_data("geo/events/triggers.toml")


def _rule_index(event_type: E, *, nominal: bool) -> int:
    """The index of the file's rule of ``event_type``'s nouns (or verbs) that names no means."""
    (index,) = [
        index
        for index, row in enumerate(_DATA["rule"])
        if row["event_type"] == event_type.value and row["nominal"] is nominal
        and "means" not in row
    ]
    return index


_SHELLING = _rule_index(E.SHELLING, nominal=False)
_SHELLING_ROW = f"rule.{_SHELLING}"
_SHELLING_VERBS: list[str] = _DATA["rule"][_SHELLING]["alternatives"]
_ADDED = f"{_SHELLING_ROW}.alternatives.{len(_SHELLING_VERBS)}"  # where a word added goes


def _shelling_verbs(*added: str) -> dict[str, Any]:
    return changed(_DATA, f"{_SHELLING_ROW}.alternatives", [*_SHELLING_VERBS, *added])


def test_the_shipped_triggers_file_gives_the_rules() -> None:
    rules = TriggersFile.model_validate(_DATA).as_trigger_rules()
    assert rules == triggers.RULES
    assert all(isinstance(rule, triggers.TriggerRule) for rule in rules)
    assert {rule.event_type for rule in rules} == set(E)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russia would treat any US jet as a target.", "treat any US jet as a target"),
        ("Its jets will be seen as legitimate targets.", "will be seen as legitimate targets"),
    ],
)
def test_the_threat_rule_matches_a_conditional_targeting(text: str, trigger: str) -> None:
    rule = triggers.RULES[_rule_index(E.THREAT, nominal=False)]
    match = re.search(rule.pattern, text, re.IGNORECASE)
    assert match is not None
    assert match.group() == trigger


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Turkish air defences shot down a Syrian helicopter over Idlib.", "helicopter"),
        ("A US jet shot down a Syrian drone.", "drone"),  # the first named after the trigger
        ("A Syrian drone and a jet were shot down.", "aircraft"),  # none after: the last before
        ("Israel intercepted two rockets fired from Gaza.", "missile"),
        ("The navy intercepted a cargo ship.", None),  # no kind named
        ("A drone struck a convoy.", None),  # an air strike: not downed or intercepted
    ],
)
def test_object_kind(text: str, kind: str | None) -> None:
    (event,) = _events(text)
    clause = Sentence(start=0, end=len(text), text=text)
    assert triggers.object_kind(text, clause, event) == kind


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            changed(_DATA, f"{_SHELLING_ROW}.event_type", "shellings"),
            f"{_SHELLING_ROW}.event_type: Input should be",
        ),
        (
            changed(_DATA, f"{_SHELLING_ROW}.nominal", "maybe"),
            f"{_SHELLING_ROW}.nominal: Input should be a valid boolean",
        ),
        (
            changed(_DATA, f"{_SHELLING_ROW}.weight", 2),
            f"{_SHELLING_ROW}.weight: Extra inputs are not permitted",
        ),
        (_shelling_verbs("shell(ed"), f"{_ADDED}: Value error, not a regular"),
        (
            _shelling_verbs(_SHELLING_VERBS[0]),
            f"{_SHELLING_ROW}.alternatives: Value error, listed more than once",
        ),
        (_shelling_verbs("hit|hits"), f"{_ADDED}: Value error, 'hit|hits' holds a top-level"),
        (_shelling_verbs("(?:hit)?"), f"{_ADDED}: Value error, '(?:hit)?' matches the empty"),
        (_shelling_verbs(r"hit\S"), f"{_ADDED}: Value error, 'hit\\\\S' has an upper-case"),
        (
            changed(_DATA, f"{_SHELLING_ROW}.alternatives", []),
            f"{_SHELLING_ROW}.alternatives: Tuple should have at least 1",
        ),
        (
            changed(_DATA, "modality_cues.negation", ["not", "never", "not"]),
            "modality_cues.negation: Value error, listed more than once: not",
        ),
        (
            changed(_DATA, "modality_cues.modal", ["will", "wo|uld"]),
            "modality_cues.modal.1: Value error",
        ),
        (changed(_DATA, "modality_cues.refusal", ["refused"]), "modality_cues.refusal: Extra"),
        (
            changed(_DATA, "weapon_subject.0.event_type", "air_raid"),
            "weapon_subject.0.event_type: Input",
        ),
        (
            changed(_DATA, "object_kinds.tank", ["tanks?", "tanks?"]),
            "object_kinds.tank: Value error",
        ),
        (changed(_DATA, "speech", DELETE), "speech: Field required"),
        (
            changed(_DATA, f"{_SHELLING_ROW}.means", "artillery"),
            f"{_SHELLING_ROW}.means: Value error, unknown means 'artillery'",
        ),
        (changed(_DATA, "victims.nouns", []), "victims.nouns: Tuple should have at least 1"),
        (
            changed(_DATA, "weapon_subject.0.means", "napalm"),
            "weapon_subject.0.means: Value error, unknown means 'napalm'",
        ),
        (changed(_DATA, "weapon_subject.1.means", DELETE), "weapon_subject.1.means: Field"),
        (changed(_DATA, "captives.words", ["held", "held"]), "captives.words: Value error"),
        (changed(_DATA, "weapon_modifiers", DELETE), "weapon_modifiers: Field required"),
    ],
)
def test_a_malformed_triggers_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TriggersFile.model_validate(data)
    # as geo.vocabulary.load_vocabulary reports them: "where: what"
    problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in raised.value.errors()]
    assert any(problem in line for line in problems), problems


@pytest.mark.parametrize(
    ("word", "text"),
    [("pummel(?:led|s)", "pummelled"), ("blitz(?:ed|es)", "Blitzed")],
)
def test_a_word_added_to_a_rule_is_matched(word: str, text: str) -> None:
    rules = TriggersFile.model_validate(_shelling_verbs(word)).as_trigger_rules()
    assert rules[_SHELLING].event_type is E.SHELLING
    assert re.fullmatch(rules[_SHELLING].pattern, text, re.IGNORECASE)
    assert rules[_SHELLING].pattern == triggers.RULES[_SHELLING].pattern + "|" + word


@pytest.mark.parametrize("word", ["failed", "refused", "declined"])
def test_each_failure_word_of_the_file_negates(word: str) -> None:
    """The cue regexes are built from the file's lists: every word of one is a cue."""
    assert word in _DATA["modality_cues"]["failure"]
    events = _events(f"Government forces {word} to attack the town.")
    assert [(e.event_type, e.modality) for e in events] == [(E.ATTACK, N)]


# --- ACLED coding of each sentence's events -----------------------------------------------------
ERV = "Explosions/Remote violence"


@pytest.mark.parametrize(
    ("text", "trigger", "acled"),
    [
        # the interaction decides a killing: who the victims were
        ("IS fighters shot dead a Syrian soldier near Palmyra.", "shot dead",
         ("Battles", "Armed clash")),
        ("A soldier was killed by IS militants near Palmyra.", "killed",
         ("Battles", "Armed clash")),
        ("Unidentified gunmen killed a farmer in Tafas.", "killed",
         ("Violence against civilians", "Attack")),
        ("Regime forces shot a journalist near the courthouse.", "shot",
         ("Violence against civilians", "Attack")),
        # the means of the clause's incident decide the deaths in it
        ("A civilian was killed by a Russian airstrike on Kafr Nabl.", "killed",
         (ERV, "Air/drone strike")),
        ("A shepherd was killed when a landmine exploded near Sukhnah.", "killed",
         (ERV, "Remote explosive/landmine/IED")),
        ("Two civilians were killed in clashes between the army and IS.", "killed",
         ("Battles", "Armed clash")),
        # ... but civilians that forces named as their killers shot in an advance told before,
        # or while fleeing the fighting, were attacked
        ("Regime forces advancing into the old city shot dead 30 civilians in their homes.",
         "shot dead", ("Violence against civilians", "Attack")),
        ("IS fighters shot dead 40 civilians who were trying to flee the fighting in Hajin.",
         "shot dead", ("Violence against civilians", "Attack")),
        # the people clashes killed are the killing's, no party of the clashes (no riot)
        ("Clashes killed 22 people in Kandahar on Monday.", "Clashes",
         ("Battles", "Armed clash")),
        ("Clashes killed 22 people in Kandahar on Monday.", "killed",
         ("Battles", "Armed clash")),
        ("Gunmen attacked a car on the Deraa road, killing a teacher.", "attacked",
         ("Violence against civilians", "Attack")),
        ("Regime forces raided a house in Nawa and arrested two men.", "raided",
         ("Strategic developments", "Arrests")),
        # ... but not across a clause: two incidents
        ("Russian jets bombed Saraqeb, while gunmen killed a teacher in Tafas.", "killed",
         ("Violence against civilians", "Attack")),
        # the victims of a death noun are its modifier, never its killers
        ("Two soldiers dead in an IS attack near Deir ez-Zor.", "dead",
         ("Battles", "Armed clash")),
        ("Civilian casualties rose in Idlib.", "casualties",
         ("Violence against civilians", "Attack")),
        # demonstrations
        ("Security forces opened fire on protesters in Basra, killing two.", "opened fire",
         ("Protests", "Excessive force against protesters")),
        ("Security forces opened fire on protesters in Basra, killing two.", "protesters",
         ("Protests", "Excessive force against protesters")),
        ("Gunmen guarding the party building opened fire on protesters, wounding three.",
         "opened fire", ("Protests", "Excessive force against protesters")),
        ("Security forces fired live ammunition at protesters in Sanandaj.",
         "fired live ammunition", ("Protests", "Excessive force against protesters")),
        ("Police fired tear gas at protesters in Nasiriyah.", "protesters",
         ("Protests", "Protest with intervention")),
        ("Protesters burned tyres outside the governorate building.", "Protesters",
         ("Riots", "Violent demonstration")),
        ("Protesters gathered peacefully outside the parliament.", "Protesters",
         ("Protests", "Peaceful protest")),
        # the means decides before the victims: remote violence against civilians is still
        # Explosions/Remote violence, the civilians its target
        ("Coalition warplanes killed nine civilians in strikes on a wedding party near Saada.",
         "killed", (ERV, "Air/drone strike")),
        ("Coalition warplanes killed nine civilians in strikes on a wedding party near Saada.",
         "strikes", (ERV, "Air/drone strike")),
        ("Syrian or Russian aircraft killed 12 people when they struck a market in Ariha.",
         "killed", (ERV, "Air/drone strike")),
        ("Syrian helicopters pounded rebel-held villages near Latamneh.", "pounded",
         (ERV, "Air/drone strike")),
        ("A mortar round fired from the hills struck a bakery, killing two women.", "killing",
         (ERV, "Shelling/artillery/missile attack")),
        ("Israeli jets fired missiles at a depot near Masyaf, killing two soldiers.", "killing",
         (ERV, "Air/drone strike")),
        ("An Israeli strike hit a motorbike near Bint Jbeil, killing two men.", "killing",
         (ERV, "Air/drone strike")),
        ("Five civilians died in an air raid on Saraqeb.", "died", (ERV, "Air/drone strike")),
        ("Two children were killed by shelling in Kafr Nubl.", "killed",
         (ERV, "Shelling/artillery/missile attack")),
        ("An explosive-laden drone detonated over a parade, killing six soldiers.", "killing",
         (ERV, "Air/drone strike")),
        # ... and where there is none, the victims do
        ("Gunmen on motorbikes killed two farmers near Tafas.", "killed",
         ("Violence against civilians", "Attack")),
        ("Rebels armed with rockets stormed the checkpoint, killing three soldiers.", "killing",
         ("Battles", "Armed clash")),
        ("Police strikes on Friday closed the courthouse.", "strikes", ("Battles", "Armed clash")),
        # captives are no longer combatants: their killing is violence against civilians
        ("IS militants executed 21 soldiers they had captured near Tikrit.", "executed",
         ("Violence against civilians", "Attack")),
        ("Militants shot dead 25 captured soldiers near the dam.", "shot dead",
         ("Violence against civilians", "Attack")),
        ("Gunmen killed 14 people in mass shootings at two farms.", "killed",
         ("Violence against civilians", "Attack")),
        ("Militants shot dead 25 soldiers near the dam.", "shot dead", ("Battles", "Armed clash")),
        # ... nor are former fighters; "former allies" still are
        ("Gunmen shot dead a former FSA commander who had joined the reconciliation.",
         "shot dead", ("Violence against civilians", "Attack")),
        ("His forces fought their former Houthi allies for the capital.", "fought",
         ("Battles", "Armed clash")),
        # civilians acting as a crowd riot: no organised armed group attacks civilians
        ("Groups of residents attacked and set fire to homes of Syrian refugees.", "set fire to",
         ("Riots", "Mob violence")),
        ("Hundreds of people attacked shops belonging to refugees.", "attacked",
         ("Riots", "Mob violence")),
        ("Villagers beat him to death after the crash.", "beat him to death",
         ("Riots", "Mob violence")),
        # ... armed with what a crowd picks up
        ("Dozens of men armed with sticks attacked a settlement of Syrian refugees.",
         "attacked", ("Riots", "Mob violence")),
        ("Residents armed with clubs, knives and machetes attacked herders near Mokwa.",
         "attacked", ("Riots", "Mob violence")),
        # ... not with guns: an armed group
        ("A group of men armed with guns killed three farmers in Zamfara.", "killed",
         ("Violence against civilians", "Attack")),
        # ... one person is no crowd
        ("A worker shot dead a young man in a dispute.", "shot dead",
         ("Violence against civilians", "Attack")),
        # bombers are aircraft; a stance is part of the target ("anti-government")
        ("U.S. B-52 bombers struck a training camp west of Aleppo.", "struck",
         (ERV, "Air/drone strike")),
        ("Security forces opened fire on anti-government protesters in Karbala.", "opened fire",
         ("Protests", "Excessive force against protesters")),
        ("Eleven factions announced their merger into a new coalition.",
         "announced their merger", ("Strategic developments", "Change to group/activity")),
        # people seized: by state forces an arrest, by others an abduction
        ("Turkish troops seized five men in Afrin.", "seized five men",
         ("Strategic developments", "Arrests")),
        ("Gunmen seized five men in Afrin.", "seized five men",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # "anti-government demonstrations": no government acts in them
        ("A protester fired at police during anti-government demonstrations, killing an officer.",
         "killing", ("Riots", "Violent demonstration")),
        # the weapon is the head before its owner
        ("Warplanes belonging to the Syrian regime struck the village, killing four civilians.",
         "killing", (ERV, "Air/drone strike")),
        # a weapon's chemical load makes a chemical attack of it
        ("Aircraft dropped a munition filled with sarin on the town.", "filled with sarin",
         (ERV, "Chemical weapon")),
        ("IS fired rockets carrying a toxic chemical agent into Taza.",
         "carrying a toxic chemical agent", (ERV, "Chemical weapon")),
        # a relative clause in the past perfect tells the background, not the incident
        ("Gunmen killed ten men of a clan which had fought the group, in public executions.",
         "killed", ("Violence against civilians", "Attack")),
        ("Gunmen killed ten men of a clan in a clash near the well.", "killed",
         ("Battles", "Armed clash")),
        # a clash, whatever the weapons
        ("Rival clans exchanged heavy machinegun and mortar fire in the old market.",
         "exchanged heavy machinegun and mortar fire", ("Battles", "Armed clash")),
        # operations launched, territory regained
        ("The army announced the launch of Operation Iron Dawn to clear the hills of militants.",
         "launch of Operation", ("Strategic developments", "Change to group/activity")),
        ("Government troops regained the village of Umm Batna after a week of fighting.",
         "regained", ("Battles", "Government regains territory")),
        ("Rebels regained the village of Umm Batna after a week of fighting.", "regained",
         ("Battles", "Non-state actor overtakes territory")),
        # the army's units lead a list of allies; Libya's rival governments' forces are
        # ACLED's military forces of Libya
        ("Iraqi army units, PMF and tribal fighters regained control of Akashat from IS.",
         "regained", ("Battles", "Government regains territory")),
        ("GNA forces and local fighters regained Gharyan from the LNA.", "regained",
         ("Battles", "Government regains territory")),
        # a bomb dropped is an air strike, however long the bomb's name
        ("US forces dropped a GBU-43 Massive Ordnance Air Blast bomb on a tunnel complex.",
         "dropped a GBU-43 Massive Ordnance Air Blast bomb", (ERV, "Air/drone strike")),
        # ground seized, told after the offensive that took it
        ("IS militants launched an offensive north of Marea, seizing Kafr Kalbin, Kaljibrin "
         "and other villages from opposition factions.", "seizing",
         ("Battles", "Non-state actor overtakes territory")),
        # "at least" counts the weapons, it is no phrase they are in
        ("At least 14 rockets struck Ain al-Asad air base, wounding two soldiers.", "struck",
         (ERV, "Shelling/artillery/missile attack")),
        # explosives set to go off: the killing they did is theirs
        ("Explosives planted in the roof of a mosque went off during Friday prayers, killing "
         "62 worshippers.", "killing", (ERV, "Remote explosive/landmine/IED")),
        # a hashtag names the protest the crowd is of
        ("Soldiers opened fire on #EndSARS protesters at the toll gate.", "opened fire",
         ("Protests", "Excessive force against protesters")),
        # territory: who took it (the place that fell is no actor)
        ("The town of Khanasir fell to regime forces after a week of fighting.", "fell to",
         ("Battles", "Government regains territory")),
        ("The town fell to IS fighters overnight.", "fell to",
         ("Battles", "Non-state actor overtakes territory")),
        ("Rebels handed over their positions to the army under the deal.", "handed over",
         ("Strategic developments", "Non-violent transfer of territory")),
        # a weapon fired at a base: remote violence, whoever it killed
        ("Thirty rockets were fired at the K1 base, killing a civilian contractor.", "killing",
         (ERV, "Shelling/artillery/missile attack")),
        ("Unidentified groups launched ten drones at the Hmeimim airbase.",
         "launched ten drones", (ERV, "Air/drone strike")),
        # "riot police" shooting a man is no riot
        ("A riot police officer shot dead the ambassador at an exhibition in Ankara.",
         "shot dead", ("Violence against civilians", "Attack")),
        # a ground offensive is fought, whatever backs it from the air
        ("Regime forces backed by Russian jets launched a ground offensive on rebel areas.",
         "launched a ground offensive", ("Battles", "Armed clash")),
        ("Insurgents returned fire and the patrol withdrew.", "returned fire",
         ("Battles", "Armed clash")),
        ("The men were taken away and most remain missing.", "were taken away",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # a crowd breaking in is a riot; armed men looting, apart from other violence, a
        # strategic development, not an earlier killing the sentence tells ("a day after")
        ("Hundreds of supporters broke into the embassy compound, setting fires.",
         "broke into", ("Riots", "Violent demonstration")),
        ("A day after killing the former president, Houthi fighters looted houses in Sanaa.",
         "looted", ("Strategic developments", "Looting/property destruction")),
        ("In retaliation for the shelling, gunmen looted shops in the market.", "looted",
         ("Strategic developments", "Looting/property destruction")),
        ("Authorities imposed a curfew on Cizre.", "curfew", ("Strategic developments", "Other")),
        ("A Russian armoured vehicle rammed a US MRAP near Dayrik, injuring four soldiers.",
         "rammed a US MRAP", ("Strategic developments", "Other")),
        # a blast a suicide bomber set off is the suicide bomb, and so are its deaths
        ("A suicide bomber detonated explosives at a wedding, killing 57 people.", "detonated",
         (ERV, "Suicide bomb")),
        ("A suicide bomber detonated explosives at a wedding, killing 57 people.", "killing",
         (ERV, "Suicide bomb")),
        ("A roadside bomb exploded near a patrol in Kirkuk.", "exploded",
         (ERV, "Remote explosive/landmine/IED")),
        ("Buses evacuated the fighters, handing the town to regime forces.",
         "handing the town to", ("Strategic developments", "Non-violent transfer of territory")),
        ("Peshmerga forces withdrew without a fight from Sinjar.", "withdrew without a fight",
         ("Strategic developments", "Non-violent transfer of territory")),
        # a building blown up is property destroyed; a car blown up near one is a bomb
        ("IS militants blew up the Grand al-Nuri mosque and its minaret.",
         "blew up the Grand al-Nuri mosque",
         ("Strategic developments", "Looting/property destruction")),
        ("Militants blew up a car near the mosque, killing four.", "blew up",
         (ERV, "Remote explosive/landmine/IED")),
        # a suicide car bomb in the military's abbreviation
        ("An IS suicide VBIED struck the CID headquarters in Aden.", "suicide VBIED",
         (ERV, "Suicide bomb")),
        # a weapon operated by someone does its verb's event by its means
        ("Drones reportedly operated by Israel struck positions near Qusaya.", "struck",
         (ERV, "Air/drone strike")),
        # the last fighters bussed out: the town is handed over
        ("The flag was raised over Douma after the last fighters were bussed out to the north.",
         "was raised over", ("Strategic developments", "Non-violent transfer of territory")),
        # people seized are abducted; a town seized is taken
        ("IS fighters stormed a cement plant and seized some 300 workers.",
         "seized some 300 workers",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("IS fighters seized the town of Dumayr.", "seized",
         ("Battles", "Non-state actor overtakes territory")),
        ("Gunmen in PMF vehicles seized twelve men from a village near Balad.",
         "seized twelve men", ("Violence against civilians", "Abduction/forced disappearance")),
        # a capture under a deal is handed over; a deal in another clause is not its
        ("Regime forces took over the town of Madaya under the 'Four Towns' agreement.",
         "took over", ("Strategic developments", "Non-violent transfer of territory")),
        ("SDF fighters completed the takeover of Tabqa after weeks of fighting; the last IS "
         "members left under a deal.", "completed the takeover of",
         ("Battles", "Non-state actor overtakes territory")),
        # state forces known by the abbreviations of ACLED's notes win ground back
        ("On 25 August 2016, ISF regained control of Al-Qayyara from ISIS.", "regained",
         ("Battles", "Government regains territory")),
        # who the dead were decides: a list of them after the killing, losses suffered
        ("179 died yesterday, including 40 of the regime forces and armed loyalists.", "died",
         ("Battles", "Armed clash")),
        # combatants listed among the people killed make it a battle; children do not
        ("56 people were killed, including 18 members of the regime forces.", "killed",
         ("Battles", "Armed clash")),
        ("Gunmen killed 12 people, including 3 children, in Tafas.", "killed",
         ("Violence against civilians", "Attack")),
        ("Fighting claimed the lives of 12 people, among them 5 soldiers.",
         "claimed the lives", ("Battles", "Armed clash")),
        ("Taliban militants suffered heavy casualties in operations in Ghazni.",
         "suffered heavy casualties", ("Battles", "Armed clash")),
        ("The army inflicted heavy losses on IS fighters near Rutba.",
         "inflicted heavy losses on", ("Battles", "Armed clash")),
        ("Ten NDF members were killed in western Raqqa.", "killed", ("Battles", "Armed clash")),
        ("Three cops killed in Bastar.", "killed", ("Battles", "Armed clash")),
        # "in militant attack": a noun after a preposition, whose modifier did it
        ("Three Turkish soldiers killed in Kurdish militant attack.", "killed",
         ("Battles", "Armed clash")),
        # a participle after a comma is done by the subject of the verb before it
        ("IS fighters ambushed an army patrol near Rutba, killing four soldiers.", "killing",
         ("Battles", "Armed clash")),
        # a crowd or villagers clashing is a riot, not a battle
        ("Villagers clashed with police in Jableh.", "clashed",
         ("Riots", "Violent demonstration")),
        ("Rival crowds fought with stones in Kirkuk.", "fought",
         ("Riots", "Violent demonstration")),
        # offensives and losses of ground
        ("Houthi rebels pushed into the southern province of Dhale.", "pushed into",
         ("Battles", "Armed clash")),
        ("A Maoist was killed in an encounter with security forces.", "encounter",
         ("Battles", "Armed clash")),
        ("Regime forces drove IS out of the town of Sukhnah.", "drove IS out of",
         ("Battles", "Government regains territory")),
        ("The Giants Brigades restored government control over Bayhan.",
         "restored government control over", ("Battles", "Government regains territory")),
        ("Russian military police entered the border town of Kobani under a deal.", "entered",
         ("Strategic developments", "Change to group/activity")),
        # a regime officer is a member of the state's forces, a tribal sheikh a civilian
        ("Unidentified gunmen killed a regime officer in Daraa al-Balad.", "killed",
         ("Battles", "Armed clash")),
        ("Unidentified gunmen killed a tribal sheikh in Diban.", "killed",
         ("Violence against civilians", "Attack")),
        # strategic developments a note tells with its own verbs
        ("The SDF and the regime exchanged prisoners in Tabqa.", "exchanged prisoners",
         ("Strategic developments", "Agreement")),
        ("Turkish forces established a new military point near Saraqib.",
         "established a new military point",
         ("Strategic developments", "Headquarters or base established")),
        ("PMF forces conducted a search operation in Tarmiyah.", "conducted a search operation",
         ("Strategic developments", "Change to group/activity")),
        ("Factions cut down dozens of olive trees in Jinderes.",
         "cut down dozens of olive trees",
         ("Strategic developments", "Looting/property destruction")),
        ("Unidentified persons threw a sound bomb at a house in Basra.", "sound bomb",
         ("Explosions/Remote violence", "Grenade")),
        # supporters of groups attacking a crowd riot
        ("Hezbollah and Amal supporters attacked protesters in Beirut.", "attacked",
         ("Riots", "Violent demonstration")),
        ("A drone dropped a sound bomb near Kfar Kila.", "dropped a sound bomb",
         ("Explosions/Remote violence", "Air/drone strike")),
        # two incidents of a clause keep their own coding: other actors did each
        ("After Iraqi forces took control of the town, armed men looted homes.", "looted",
         ("Strategic developments", "Looting/property destruction")),
        # what the body bore may stand between it and its finding
        ("The bodies of three men bearing gunshot wounds, their hands tied, were found near "
         "Tarmiyah.", "bodies", ("Violence against civilians", "Attack")),
        # demonstrators who try to storm a building turn to violence
        ("Protesters tried to storm a police station in Tuyserkan.", "tried to storm",
         ("Riots", "Violent demonstration")),
        ("Security forces broke up a rally of teachers in Tehran.", "broke up a rally",
         ("Protests", "Protest with intervention")),
        # a detention with no known destination is a forced disappearance
        ("Security Belt forces detained a man and took him to an unknown location.",
         "took him to an unknown location",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Houthi gunmen raided her home and took her and her brother to an unknown location.",
         "took her and her brother to an unknown location",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # a munitions store that blows up with no attacker named is no attack
        ("A weapons and ammunition store in a Husseiniya in Sadr City exploded, killing 18.",
         "weapons and ammunition store in a Husseiniya in Sadr City exploded",
         ("Strategic developments", "Other")),
        ("An explosion at a building used by Hezbollah to store weapons shook Ain Qana.",
         "explosion at a building used by Hezbollah to store weapons",
         ("Strategic developments", "Other")),
        ("An ammunition depot exploded after an Israeli drone struck it.", "struck",
         ("Explosions/Remote violence", "Air/drone strike")),
        # ... the depot's blast is the strike's event ...
        ("Israeli jets struck an arms depot in Masyaf, which exploded.",
         "arms depot in Masyaf, which exploded",
         ("Explosions/Remote violence", "Air/drone strike")),
        # ... and a store of no weapons is none
        ("An explosion at a warehouse used to store grain shook Basra.", "explosion",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # strikes a military carries out are from the air
        ("The U.S. military carried out strikes against two Islamic State camps.",
         "carried out strikes",
         ("Explosions/Remote violence", "Air/drone strike")),
        # what ACLED does not code
        ("The ministry condemned the killing of two farmers.", "condemned", (None, None)),
        ("The army said it would strike any position that fires on its troops.", "said",
         (None, None)),
    ],
)
def test_acled_coding_in_a_sentence(text: str, trigger: str, acled: tuple[str | None, ...]
                                    ) -> None:
    (event,) = [e for e in _events(text) if e.trigger_text == trigger]
    assert (event.acled_event_type, event.acled_sub_event_type) == acled
