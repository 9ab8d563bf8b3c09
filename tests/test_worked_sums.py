"""Sums worked out before the small model answers (agent/replies/worked_sums.py): the shapes it
reads, what it never mistakes for a sum, and the note the prompt then carries."""
from __future__ import annotations

import pytest

from agent.replies.worked_sums import work_out


@pytest.mark.parametrize("question, worked", [
    ("My meeting starts at 2:45 and lasts 50 minutes. What time does it end?", "2:45 plus 50 minutes is 3:35"),
    ("My train leaves at 11:50 pm and takes 2 hours. When do I arrive?", "11:50 pm plus 2 hours is 1:50 am"),
    ("The call is at 14:30 for an hour, when is it over?", "14:30 plus an hour is 15:30"),
    ("What time is 45 minutes after 10:30?", "45 minutes after 10:30 is 11:15"),
    ("What time is 20 minutes before 9:10 am?", "20 minutes before 9:10 am is 8:50 am"),
    ("What is 20 percent of 150?", "20 percent of 150 is 30"),
    ("What's 15% of 80?", "15 percent of 80 is 12"),
    ("What's 12 times 15?", "12 times 15 is 180"),
    ("What's 1,250 plus 375?", "1,250 plus 375 is 1625"),
    ("What is 250 - 75?", "250 minus 75 is 175"),
    ("What's 100 divided by 3?", "100 divided by 3 is about 33.33"),
    ("Bill came to $64. What's an 18% tip on that?", "18 percent of $64 is $11.52, and $64 plus that is $75.52"),
    ("How much is 8% sales tax on a £25 lamp?", "8 percent of £25 is £2, and £25 plus that is £27"),
])
def test_a_plain_sum_is_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "How do I upgrade from Windows 10 - 11?",  # a symbol with no sum asked for
    "What is 5 plus 3 times 2?",  # a chain: left to the model, never half worked out
    "What is 7 divided by 0?",
    "Is 12/25 a holiday?",
    "I have COVID-19, what now?",
    "I need to restart 2 times a day. Why?",
    "In what year did people first land on the moon?",
    "What time is it?",
    "The meeting is at 25:70 and lasts 10 minutes.",  # no such time
    "My battery is at 20% and the charger cost $30. Is it broken?",  # a percentage and a price, no share asked
    "What's 10% of the $50 and 20% of the $80?",  # two of each: left to the model
])
def test_what_is_not_one_plain_sum_gets_no_note(question):
    assert work_out(question) == ""


def test_the_worked_sum_is_the_note_before_the_question_and_wins_over_the_clock():
    from agent.replies.reply_policy import ReplyPolicy

    policy = ReplyPolicy()
    question = "My meeting starts at 2:45 and lasts 50 minutes. What time does it end?"
    messages = policy.messages([{"role": "system", "content": "x"}, {"role": "user", "content": question}])
    assert messages[-2] == {"role": "system", "content": "Worked out exactly: 2:45 plus 50 minutes is 3:35. Give this answer."}
    assert messages[-1]["content"] == question


@pytest.mark.parametrize("question, worked", [
    ("How many minutes is three and a half hours?", "3.5 hours is 210 minutes"),
    ("how many seconds in a day", "1 day is 86,400 seconds"),
    ("Convert 10 km to miles, please.", "10 km is about 6.21 miles"),
    ("What's 30 degrees Celsius in Fahrenheit?", "30 degrees Celsius is 86 degrees Fahrenheit"),
    ("What is 100 F in C?", "100 degrees Fahrenheit is about 37.8 degrees Celsius"),
    ("How many ounces in 2 pounds?", "2 pounds is 32 ounces"),
    ("how many feet are in a mile", "1 mile is 5280 feet"),  # had been "5.28E+3 feet", which the model read out
    ("how many ml in a liter", "1 liter is 1000 ml"),
    ("my internet plan is 200 megabits per second. how many megabytes per second is that for downloads, roughly?",
     "200 megabits is 25 megabytes"),  # the 0.5B had said 200,000
    ("Convert 100 Mbps to MB/s", "100 Mbps is 12.5 MB"),
    ("I have a 16 GB usb stick and each of my video files is 3.5 GB. how many whole files can i fit on it?",
     "4 whole 3.5 GB ones fit in 16 GB"),  # the 0.5B had said "16 GB of video files"
    ("how many 250 ml glasses fit in a 2 liter bottle", "8 whole 250 ml ones fit in 2 liter"),
    ("I need 4 cables at $12.50 each. What's the total?", "4 cables at $12.50 each is $50.00 in all"),
    # asked of "that", the amount said first (the 0.5B said 15 gallons was about 15 liters)
    ("im in the us and my trucks gas tank is 15 gallons. how many liters is that roughly", "15 gallons is about 56.8 liters"),
    # asked "what is that in" (the 0.5B said 70 kg was 70,000 pounds)
    ("the doctor wrote my weight down as 70 kg, what is that in pounds", "70 kg is about 154.3 pounds"),
    # a price and a share off it, either way round
    ("laptop i want is $850 and its 30% off this weekend, what will i actually pay before tax",
     "30 percent off $850 is $255 off, so the price is $595"),
    ("25% off a £40 jumper, how much is it?", "25 percent off £40 is £10 off, so the price is £30"),
])
def test_a_unit_conversion_or_a_priced_count_is_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "How many minutes does a Windows update take?",  # no amount to convert
    "Is 5 kg heavier than 5 pounds?",  # a comparison, not one conversion
    "How many miles is 3 hours?",  # units of two kinds
    "I upgraded Windows 10 in a week.",
    "My laptop weighs 2 kg and my bag 3 kg.",
    "I walked 3 miles and 2 km, how many km is that?",  # a sum of two amounts, not one conversion
    "I ran 5 km and then 3 miles, what is that in km",
    "Save 20% off all orders over $50 this week.",  # no price asked
    "How many MB in a GB?",  # 1,000 or 1,024, as the asker means it: left to the model
    "How many 500 MB files fit on a 4 GB card?",  # the same, asked as a fit
    "I have 8 GB of RAM, how many tabs can I keep open?",
])
def test_what_is_not_one_conversion_gets_no_note(question):
    assert work_out(question) == ""


def test_the_read_aloud_recordings_hold_no_sum():
    """The real recordings' reference texts (copies of ../shared/speech-dev): ordinary
    sentences with number words and "a", none a sum or a conversion."""
    from bench.real_clips import FIXTURE_CLIPS

    refs = sorted(FIXTURE_CLIPS.glob("*.ref.txt"))
    assert len(refs) >= 9
    for ref in refs:
        text = ref.read_text()
        assert work_out(text) == "", (ref.name, text, work_out(text))


def test_a_number_of_thousands_of_digits_gets_no_note_and_raises_nothing():
    """Hostile input: 10,000 digits passed Decimal's precision (InvalidOperation out of the
    prompt builder), and every regex tried each digit as a number's start (20 s in all)."""
    assert work_out("9" * 10000 + " km to miles") == ""
    assert work_out("9" * 10000 + "% off $5, how much is it?") == ""
    assert work_out("1" * 10000 + " minutes a day, how much a week?") == ""  # (had raised ValueError printing the hours)
    assert work_out("counted " + "9" * 10000 + " seconds between lightning and thunder, how far?") == ""


@pytest.mark.parametrize("question, worked", [
    ("my streaming sub is $12.99 a month. how much is that for a whole year", "$12.99 a month is $155.88 a year (12.99 times 12)"),
    ("I pay $120 a year for antivirus, how much is that a month?", "$120 a year is $10 a month (120 divided by 12)"),
    ("The gym is £5 a week, what's that per year?", "£5 a week is £260 a year (5 times 52)"),
    ("phone shop offers the new pixel for $35 a month on a 24 month plan, or $700 upfront. how much would i pay in total on the plan",
     "$35 a month for 24 months is $840 in all"),
    ("Gym is £5 a week, how much over two years?", "£5 a week for 2 years is £520 in all"),
    ("The cover is $120 a year. What do I pay for 6 months?", "$120 a year for 6 months is $60 in all"),
    ("steam says the game is 45 GB and my download speed shows 25 MB/s. roughly how long will it take",
     "45 GB at 25 megabytes a second takes about 30 minutes (1800 seconds)"),
    ("how long to download a 4 GB file on 100 Mbps?", "4 GB at 100 megabits a second takes about 5 minutes (320 seconds)"),
    ("How long will 2 TB take to copy at 50 megabytes per second?",
     "2 TB at 50 megabytes a second takes about 11 hours and 7 minutes (40,000 seconds)"),
])
def test_a_price_over_another_period_or_a_download_time_is_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "It's $10 a day, how much is that a month?",  # 30 or 31 days: not guessed
    "My plan is $40 a month. Is that a good deal?",  # no other period asked
    "I have a 45 GB game and 25 MB/s internet. Is that fast?",  # no time asked
    "How long does a 100 Mbps plan take to install?",  # a speed and no size
    "Copying 3 GB and 5 GB at 20 MB/s, how long?",  # two sizes: left to the model
    "My son is 12 years old and his plan is $10 a month. How much is that?",  # an age, not a count of months
    "$20 a month for 3 months, then 2 years at $25 a month: what's the total?",  # two prices, two counts
    "It's $10 a day for 2 months, how much?",  # a day to a month: not guessed
])
def test_what_is_not_one_rate_sum_gets_no_note(question):
    assert work_out(question) == ""


@pytest.mark.parametrize("question, worked", [
    ("my 3 kids get 45 mins each on the ipad every day. how many hours a week is that all together",
     "45 mins a day each for 3 is 2 hours and 15 minutes a day, and 15 hours and 45 minutes a week (times 7)"),
    ("I walk 30 minutes a day, how many hours is that a year?", "30 minutes a day is 182 hours and 30 minutes a year (times 365)"),
    ("we each spend 2 hours a day commuting, how much a week?", "2 hours a day each is 14 hours a week (times 7)"),
    ("I practice piano 90 minutes a week, how many hours a year", "90 minutes a week is 78 hours a year (times 52)"),
    ("two of us each do 20 mins a day of stretching. total per week?",
     "20 mins a day each for 2 is 40 minutes a day, and 4 hours and 40 minutes a week (times 7)"),
])
def test_a_time_per_day_over_a_week_or_a_year_is_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question, worked", [
    ("saw lightning and counted 10 seconds before the thunder. so its 10 miles away right? 1 second per mile",
     "10 seconds from lightning to thunder is about 3.4 kilometres, or about 2.1 miles (sound covers about a mile in 5 seconds, a kilometre in 3)"),
    ("the thunder came 3 seconds after the flash, how close is the storm",
     "3 seconds from lightning to thunder is about 1 kilometre, or about 0.6 miles (sound covers about a mile in 5 seconds, a kilometre in 3)"),
])
def test_seconds_from_lightning_to_thunder_are_worked_out_as_a_distance(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "How long is 45 minutes a day?",  # no longer period asked
    "I sleep 8 hours a night, is that enough?",  # no total asked
    "my 2 kids and 3 friends each get 10 minutes a day on the console, how many hours is that a week",  # each of which count?
    "I watch 2 hours of tv a day, how much is that a month?",  # a day to a month: not guessed
    "counted 5 seconds then 8 seconds between lightning and thunder, how far is it?",  # two counts
    "my laptop takes 30 seconds to boot, how far is that from normal?",  # no storm
])
def test_what_is_not_one_time_or_storm_sum_gets_no_such_note(question):
    worked = work_out(question)
    assert " a week (times" not in worked and " a year (times" not in worked and "from lightning" not in worked


# -- the real model, through a real session ---------------------------------------------------------
@pytest.mark.parametrize("question, must", [
    ("my streaming sub is $12.99 a month. how much is that for a whole year", r"155\.88"),
    ("steam says the game is 45 GB and my download speed shows 25 MB/s. roughly how long will it take", r"\b30 minutes\b|half an hour"),
    ("we counted 6 seconds between the flash and the thunder, how far away is the storm", r"\b2\.1 (?:km|kilomet)|\b1\.3 miles"),
])
async def test_the_real_model_says_the_worked_rate_sum(server, question, must):
    """The bundled 0.5B with the note the sum gives: the answer it speaks is the worked one."""
    import re

    from .test_reply_policy import ask, reply_text

    (resp,) = await ask(server, question)
    assert re.search(must, reply_text(resp), re.I), reply_text(resp)


@pytest.mark.parametrize("question, worked", [
    # the 0.5B answered these with a slow-motion article's steps, "10 minutes", and "divide the
    # distance by the fuel consumption rate" (bench outside3, 5 and 8)
    ("my phone records 4k video at about 150 MB a minute and i have 6 GB free. how many minutes can i record",
     "6 GB at 150 MB a minute is about 40 minutes (6000 MB divided by 150)"),
    ("My phone's at 35% and it charges about 2% a minute. How long till it's at 95%?",
     "from 35% to 95% at 2% a minute is 30 minutes (60 divided by 2)"),
    ("my car uses about 8 litres per 100 km. how much fuel do i need for a 350 km trip",
     "350 km at 8 litres per 100 km is 28 litres (350 divided by 100, times 8)"),
    ("laptop loses 10% an hour and it's at 60%, how long until it dies", "from 60% to 0% at 10% an hour is 6 hours (60 divided by 10)"),
    ("I type 40 words per minute. How long will a 2,000 word essay take?", "2,000 word at 40 words per minute is 50 minutes (2000 words divided by 40)"),
    ("the tap drips 2 litres an hour, how much in a day", "a day at 2 litres an hour is 48 litres (24 times 2)"),
    ("the printer does 30 pages a minute, how long for 200 pages", "200 pages at 30 pages a minute is 6 minutes and 40 seconds (200 pages divided by 30)"),
    # a conversion asked before its amount is said (outside7: the 0.5B said 26.2 miles, no km)
    ("how many km is a marathon? its 26.2 miles right", "26.2 miles is about 42.2 km"),
])
def test_a_rate_applied_to_an_amount_is_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "my phone loses 20% an hour, is that normal?",  # no amount, no sum asked
    "my phone loses 20% an hour at 80% brightness, what's wrong with it?",  # one percentage: from where to where?
    "Phone battery at 40%, how do I charge it faster",  # no rate
    "My Wi-Fi drops 3 times an hour, how do I fix it?",  # a count of nothing the question counts again
    "I drive 50 miles a day and 300 miles a week, how much fuel?",  # two rates
    "my car does 40 miles per gallon, I drove 100 miles and 50 km, how much fuel?",  # two amounts of one kind
    "we use 2 GB a day, how many GB is that?",  # no amount to apply it to
])
def test_what_is_not_one_rate_and_one_amount_gets_no_note(question):
    assert work_out(question) == ""


@pytest.mark.parametrize("question, worked", [
    ("how many bits make a byte again? 10 isnt it, like metric", "1 byte is 8 bits"),  # outside9: "I'm not sure"
    ("how many bytes is 16 bits", "16 bits is 2 bytes"),
    # outside8: "Yes, 2100 is a leap year. It is divisible by 4"
    ("is 2100 a leap year? its divisible by 4 so it has to be right",
     "2100 is not a leap year: a century year is a leap year only when divisible by 400"),
    ("was 2000 a leap year", "2000 is a leap year: a century year divisible by 400 is one"),
    ("will 2028 be a leap year?", "2028 is a leap year: it is divisible by 4 and is not a century year"),
    ("2023 a leap year?", "2023 is not a leap year: it is not divisible by 4"),
])
def test_bits_in_a_byte_and_a_leap_year_are_worked_out(question, worked):
    assert work_out(question) == worked


@pytest.mark.parametrize("question", [
    "My birthday is on the 29th of February, I was born in 1996. When do I celebrate?",
    "Is 2024 or 2028 a leap year?",  # two years: which is asked is not clear
    "my file is 3 bytes",
])
def test_what_asks_no_year_or_byte_sum_gets_no_note(question):
    assert work_out(question) == ""
