// The one word list of the comment analysis: words that say nothing about a particular post
// (praise, reactions, fillers), by language. A comment made only of these (at most
// kMaxGenericWords of them, no mention or link) could stand under any post. Kept small on
// purpose: the texts that real comment sections repeat under unrelated posts are learned from
// data instead (tools/derive-comments -> models/comment_reference.json, "learned_generic").
// Accents, case and repeated letters do not matter (the words are folded and squeezed like
// the comments), so each word is listed once.
#include "generic.h"

namespace fm::cmt {

const char* generic_word_list() {
  return
      // English
      "a an the and so very really soo too such this that it its is are was what how my your you u i me "
      "love loved lovely loving like nice good great amazing awesome beautiful gorgeous stunning cool wow omg "
      "perfect perfection cute pretty super best wonderful fantastic incredible brilliant excellent fabulous "
      "lit fire dope sick insane epic goals vibes vibe mood keep up work job well done one congrats "
      "congratulations yes yay yess bro sis girl queen king beauty fav favorite favourite absolutely totally "
      "just look looks looking pic pics picture photo photos shot post content thanks thank lol lmao "
      "haha omg xd true facts agree exactly inspiring inspiration legend wish always forever ever "
      // Dutch
      "mooi mooie prachtig prachtige gaaf gave leuk leuke wauw toppie geweldig geweldige heel echt zo wat een "
      "schitterend knap goed gedaan lekker vet gefeliciteerd proficiat "
      // French
      "magnifique magnifiques superbe superbes sublime trop beau belle beaux belles bravo genial geniale jadore "
      "adore joli jolie tres top canon incroyable parfait parfaite felicitations splendide waouh bien cest "
      "quelle quel merci "
      // German
      "schon schone schones wunderschon toll tolle tolles geil mega klasse sehr hammer bild stark krass "
      "wahnsinn richtig perfekt hubsch suss einfach ist das was fur ein eine glueckwunsch gluckwunsch danke "
      // Spanish
      "hermoso hermosa precioso preciosa increible bonito bonita me encanta encantan que lindo linda guapa "
      "guapo muy bello bella foto fotos espectacular perfecto perfecta maravilloso maravillosa felicidades "
      "excelente brutal tan bueno buena gracias "
      // Italian
      "bellissimo bellissima bellissime stupendo stupenda fantastico complimenti molto splendida splendido "
      "brava bravo bravissimo bravissima meraviglia meraviglioso meravigliosa grande auguri grazie "
      // Portuguese
      "lindos lindas perfeito perfeita muito amei demais show incrivel parabens arrasou arrasa mais divo diva "
      "ta bom boa legal obrigado obrigada "
      // Russian
      "красиво красивая красивый красота класс классно супер круто шикарно отлично прекрасно очень как "
      "вау фото огонь молодец здорово прелесть обалденно восторг браво лайк спасибо "
      // Arabic
      "جميل جميله رائع رائعه روعه ماشاء الله ما شاء تبارك حلو حلوه مبدع يجنن واو جدا مبروك احسنت صوره "
      "الصوره شكرا";
}

}  // namespace fm::cmt
