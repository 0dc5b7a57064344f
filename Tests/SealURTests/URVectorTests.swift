import Foundation
@testable import SealUR
import Testing

/// The published vectors of the reference implementation (Blockchain Commons bc-ur, test/test.cpp): our UR frames
/// are readable by any UR-capable scanner only if every one of these matches.
@Suite("Uniform Resources: Bytewords, Xoshiro256**, fountain code, UR strings")
struct URVectorTests {
    static func makeMessage(_ length: Int, seed: String = "Wolf") -> [UInt8] {
        var rng = Xoshiro256StarStar(seed: seed)
        return rng.nextData(length)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("CRC-32 and Bytewords (standard, uri, minimal) encode and decode; wrong checksums and words are refused")
    func bytewords() throws {
        #expect(CRC32.bigEndianBytes(Array("Hello, world!".utf8)) == [0xeb, 0xe6, 0xc6, 0xe6])
        #expect(CRC32.bigEndianBytes(Array("Wolf".utf8)) == [0x59, 0x8c, 0x84, 0xdc])
        let input: [UInt8] = [0, 1, 2, 128, 255]
        #expect(Bytewords.encode(input, style: .standard) == "able acid also lava zoom jade need echo taxi")
        #expect(Bytewords.encode(input, style: .uri) == "able-acid-also-lava-zoom-jade-need-echo-taxi")
        #expect(Bytewords.encode(input, style: .minimal) == "aeadaolazmjendeoti")
        #expect(try Bytewords.decode("able acid also lava zoom jade need echo taxi", style: .standard) == input)
        #expect(try Bytewords.decode("able-acid-also-lava-zoom-jade-need-echo-taxi", style: .uri) == input)
        #expect(try Bytewords.decode("aeadaolazmjendeoti", style: .minimal) == input)
        #expect(try Bytewords.decode("AEADAOLAZMJENDEOTI", style: .minimal) == input)
        #expect(throws: URError.checksumMismatch) { try Bytewords.decode("able acid also lava zero jade need echo wolf", style: .standard) }
        #expect(throws: URError.checksumMismatch) { try Bytewords.decode("able-acid-also-lava-zero-jade-need-echo-wolf", style: .uri) }
        #expect(throws: URError.checksumMismatch) { try Bytewords.decode("aeadaolazojendeowf", style: .minimal) }
        #expect(throws: URError.self) { try Bytewords.decode("wolf", style: .standard) }
        #expect(throws: URError.self) { try Bytewords.decode("", style: .standard) }
        #expect(throws: URError.self) { try Bytewords.decode("axxe tied also webs lung", style: .standard) }
        #expect(throws: URError.self) { try Bytewords.decode("abmuammdwe", style: .minimal) }
        #expect(Bytewords.encode([1, 2, 3, 4, 5], style: .standard) == "acid also apex aqua arch fuel bald nail work")
        #expect(Bytewords.encode([1, 2, 3, 4, 5], style: .minimal) == "adaoaxaaahflbdnlwk")

        let long: [UInt8] = [245, 215, 20, 198, 241, 235, 69, 59, 209, 205, 165, 18, 150, 158, 116, 135, 229, 212, 19, 159, 17, 37, 239, 240, 253, 11, 109, 191, 37, 242, 38, 120, 223, 41, 156, 189, 242, 254, 147, 204, 66, 163, 216, 175, 191, 72, 169, 54, 32, 60, 144, 230, 210, 137, 184, 197, 33, 113, 88, 14, 157, 31, 177, 46, 1, 115, 205, 69, 225, 150, 65, 235, 58, 144, 65, 240, 133, 69, 113, 247, 63, 53, 242, 165, 160, 144, 26, 13, 79, 237, 133, 71, 82, 69, 254, 165, 138, 41, 85, 24]
        let standard = "yank toys bulb skew when warm free fair tent swan open brag mint noon jury list view tiny brew note body data webs what zinc bald join runs data whiz days keys user diet news ruby whiz zone menu surf flew omit trip pose runs fund part even crux fern math visa tied loud redo silk curl jugs hard beta next cost puma drum acid junk swan free very mint flap warm fact math flap what limp free jugs yell fish epic whiz open numb math city belt glow wave limp fuel grim free zone open love diet gyro cats fizz holy city puff"
        let minimal = "yktsbbswwnwmfefrttsnonbgmtnnjyltvwtybwnebydawswtzcbdjnrsdawzdsksurdtnsrywzzemusffwottppersfdptencxfnmhvatdldroskcljshdbantctpadmadjksnfevymtfpwmftmhfpwtlpfejsylfhecwzonnbmhcybtgwwelpflgmfezeonledtgocsfzhycypf"
        #expect(Bytewords.encode(long, style: .standard) == standard)
        #expect(Bytewords.encode(long, style: .minimal) == minimal)
        #expect(try Bytewords.decode(standard, style: .standard) == long)
        #expect(try Bytewords.decode(minimal, style: .minimal) == long)
    }

    @Test("Xoshiro256** from SHA-256 seeds: next, nextInt, nextData")
    func xoshiro() {
        var wolf = Xoshiro256StarStar(seed: "Wolf")
        #expect((0..<100).map { _ in Int(wolf.next() % 100) } == [42,81,85,8,82,84,76,73,70,88,2,74,40,48,77,54,88,7,5,88,37,25,82,13,69,59,30,39,11,82,19,99,45,87,30,15,32,22,89,44,92,77,29,78,4,92,44,68,92,69,1,42,89,50,37,84,63,34,32,3,17,62,40,98,82,89,24,43,85,39,15,3,99,29,20,42,27,10,85,66,50,35,69,70,70,74,30,13,72,54,11,5,70,55,91,52,10,43,43,52])
        var checksum = Xoshiro256StarStar(seed: [0x59, 0x8c, 0x84, 0xdc])
        #expect((0..<100).map { _ in Int(checksum.next() % 100) } == [88,44,94,74,0,99,7,77,68,35,47,78,19,21,50,15,42,36,91,11,85,39,64,22,57,11,25,12,1,91,17,75,29,47,88,11,68,58,27,65,21,54,47,54,73,83,23,58,75,27,26,15,60,36,30,21,55,57,77,76,75,47,53,76,9,91,14,69,3,95,11,73,20,99,68,61,3,98,36,98,56,65,14,80,74,57,63,68,51,56,24,39,53,80,57,51,81,3,1,30])
        var ints = Xoshiro256StarStar(seed: "Wolf")
        #expect((0..<100).map { _ in Int(ints.nextInt(1, 10)) } == [6,5,8,4,10,5,7,10,4,9,10,9,7,7,1,1,2,9,9,2,6,4,5,7,8,5,4,2,3,8,7,4,5,1,10,9,3,10,2,6,8,5,7,9,3,1,5,2,7,1,4,4,4,4,9,4,5,5,6,9,5,1,2,8,3,3,2,8,4,3,2,1,10,8,9,3,10,8,5,5,6,7,10,5,8,9,4,6,4,2,10,2,1,7,9,6,7,4,2,5])
        var data = Xoshiro256StarStar(seed: "Wolf")
        let first = data.nextData(10), second = data.nextData(10)
        #expect(Self.hex(first) == "916ec65cf77cadf55cd7" && Self.hex(second) == "f9cda1a1030026ddd42e")
    }

    @Test("the alias sampler, the shuffle, degrees and fragment choices")
    func sampling() {
        var rng = Xoshiro256StarStar(seed: "Wolf")
        let sampler = RandomSampler([1, 2, 4, 8])
        #expect((0..<500).map { _ in sampler.next(&rng) } == [3,3,3,3,3,3,3,0,2,3,3,3,3,1,2,2,1,3,3,2,3,3,1,1,2,1,1,3,1,3,1,2,0,2,1,0,3,3,3,1,3,3,3,3,1,3,2,3,2,2,3,3,3,3,2,3,3,0,3,3,3,3,1,2,3,3,2,2,2,1,2,2,1,2,3,1,3,0,3,2,3,3,3,3,3,3,3,3,2,3,1,3,3,2,0,2,2,3,1,1,2,3,2,3,3,3,3,2,3,3,3,3,3,2,3,1,2,1,1,3,1,3,2,2,3,3,3,1,3,3,3,3,3,3,3,3,2,3,2,3,3,1,2,3,3,1,3,2,3,3,3,2,3,1,3,0,3,2,1,1,3,1,3,2,3,3,3,3,2,0,3,3,1,3,0,2,1,3,3,1,1,3,1,2,3,3,3,0,2,3,2,0,1,3,3,3,2,2,2,3,3,3,3,3,2,3,3,3,3,2,3,3,2,0,2,3,3,3,3,2,1,1,1,2,1,3,3,3,2,2,3,3,1,2,3,0,3,2,3,3,3,3,0,2,2,3,2,2,3,3,3,3,1,3,2,3,3,3,3,3,2,2,3,1,3,0,2,1,3,3,3,3,3,3,3,3,1,3,3,3,3,2,2,2,3,1,1,3,2,2,0,3,2,1,2,1,0,3,3,3,2,2,3,2,1,2,0,0,3,3,2,3,3,2,3,3,3,3,3,2,2,2,3,3,3,3,3,1,1,3,2,2,3,1,1,0,1,3,2,3,3,2,3,3,2,3,3,2,2,2,2,3,2,2,2,2,2,1,2,3,3,2,2,2,2,3,3,2,0,2,1,3,3,3,3,0,3,3,3,3,2,2,3,1,3,3,3,2,3,3,3,2,3,3,3,3,2,3,2,1,3,3,3,3,2,2,0,1,2,3,2,0,3,3,3,3,3,3,1,3,3,2,3,2,2,3,3,3,3,3,2,2,3,3,2,2,2,1,3,3,3,3,1,2,3,2,3,3,2,3,2,3,3,3,2,3,1,2,3,2,1,1,3,3,2,3,3,2,3,3,0,0,1,3,3,2,3,3,3,3,1,3,3,0,3,2,3,3,1,3,3,3,3,3,3,3,0,3,3,2])
        var shuffleRNG = Xoshiro256StarStar(seed: "Wolf")
        let shuffles = (0..<10).map { _ in FountainFragments.shuffled(Array(1...10), rng: &shuffleRNG) }
        #expect(shuffles == [[6,4,9,3,10,5,7,8,1,2], [10,8,6,5,1,2,3,9,7,4], [6,4,5,8,9,3,2,1,7,10], [7,3,5,1,10,9,4,8,2,6], [8,5,7,10,2,1,4,3,9,6], [4,3,5,6,10,2,7,8,9,1], [5,1,3,9,4,6,2,10,7,8], [2,1,10,8,9,4,7,6,3,5], [6,7,10,4,8,9,2,3,1,5], [10,2,1,7,9,5,6,3,4,8]])
        let degrees = (1...200).map { index -> Int in
            var seeded = Xoshiro256StarStar(seed: "Wolf-\(index)")
            return FountainFragments.chooseDegree(seqLen: 11, rng: &seeded)
        }
        #expect(degrees == [11,3,6,5,2,1,2,11,1,3,9,10,10,4,2,1,1,2,1,1,5,2,4,10,3,2,1,1,3,11,2,6,2,9,9,2,6,7,2,5,2,4,3,1,6,11,2,11,3,1,6,3,1,4,5,3,6,1,1,3,1,2,2,1,4,5,1,1,9,1,1,6,4,1,5,1,2,2,3,1,1,5,2,6,1,7,11,1,8,1,5,1,1,2,2,6,4,10,1,2,5,5,5,1,1,4,1,1,1,3,5,5,5,1,4,3,3,5,1,11,3,2,8,1,2,1,1,4,5,2,1,1,1,5,6,11,10,7,4,7,1,5,3,1,1,9,1,2,5,5,2,2,3,10,1,3,2,3,3,1,1,2,1,3,2,2,1,3,8,4,1,11,6,3,1,1,1,1,1,3,1,2,1,10,1,1,8,2,7,1,2,1,9,2,10,2,1,3,4,10])
        let checksum = CRC32.checksum(Self.makeMessage(1024))
        #expect(checksum == 790_229_947)
        let chosen = (1...30).map { FountainFragments.choose(seqNum: UInt32($0), seqLen: 11, checksum: checksum).sorted() }
        #expect(chosen == [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [9], [2,5,6,8,9,10], [8], [1,5], [1], [0,2,4,5,8,10], [5], [2], [2], [0,1,3,4,5,7,9,10], [0,1,2,3,5,6,8,9,10], [0,2,4,5,7,8,9,10], [3,5], [4], [0,1,2,3,4,5,6,7,8,9,10], [0,1,3,4,5,6,7,9,10], [6], [5,6], [7]])
        #expect(FountainFragments.nominalLength(messageLength: 12345, minLength: 1005, maxLength: 1955) == 1764)
        #expect(FountainFragments.nominalLength(messageLength: 12345, minLength: 1005, maxLength: 30000) == 12345)
    }

    @Test("partition and fountain parts of the reference messages")
    func fountainParts() throws {
        let fragmentLength = FountainFragments.nominalLength(messageLength: 1024, minLength: 10, maxLength: 100)
        #expect(fragmentLength == 94)
        let fragments = FountainFragments.partition(Self.makeMessage(1024), fragmentLength: fragmentLength).map(Self.hex)
        #expect(fragments == [
            "916ec65cf77cadf55cd7f9cda1a1030026ddd42e905b77adc36e4f2d3ccba44f7f04f2de44f42d84c374a0e149136f25b01852545961d55f7f7a8cde6d0e2ec43f3b2dcb644a2209e8c9e34af5c4747984a5e873c9cf5f965e25ee29039f",
            "df8ca74f1c769fc07eb7ebaec46e0695aea6cbd60b3ec4bbff1b9ffe8a9e7240129377b9d3711ed38d412fbb4442256f1e6f595e0fc57fed451fb0a0101fb76b1fb1e1b88cfdfdaa946294a47de8fff173f021c0e6f65b05c0a494e50791",
            "270a0050a73ae69b6725505a2ec8a5791457c9876dd34aadd192a53aa0dc66b556c0c215c7ceb8248b717c22951e65305b56a3706e3e86eb01c803bbf915d80edcd64d4d41977fa6f78dc07eecd072aae5bc8a852397e06034dba6a0b570",
            "797c3a89b16673c94838d884923b8186ee2db5c98407cab15e13678d072b43e406ad49477c2e45e85e52ca82a94f6df7bbbe7afbed3a3a830029f29090f25217e48d1f42993a640a67916aa7480177354cc7440215ae41e4d02eae9a1912",
            "33a6d4922a792c1b7244aa879fefdb4628dc8b0923568869a983b8c661ffab9b2ed2c149e38d41fba090b94155adbed32f8b18142ff0d7de4eeef2b04adf26f2456b46775c6c20b37602df7da179e2332feba8329bbb8d727a138b4ba7a5",
            "03215eda2ef1e953d89383a382c11d3f2cad37a4ee59a91236a3e56dcf89f6ac81dd4159989c317bd649d9cbc617f73fe10033bd288c60977481a09b343d3f676070e67da757b86de27bfca74392bac2996f7822a7d8f71a489ec6180390",
            "089ea80a8fcd6526413ec6c9a339115f111d78ef21d456660aa85f790910ffa2dc58d6a5b93705caef1091474938bd312427021ad1eeafbd19e0d916ddb111fabd8dcab5ad6a6ec3a9c6973809580cb2c164e26686b5b98cfb017a337968",
            "c7daaa14ae5152a067277b1b3902677d979f8e39cc2aafb3bc06fcf69160a853e6869dcc09a11b5009f91e6b89e5b927ab1527a735660faa6012b420dd926d940d742be6a64fb01cdc0cff9faa323f02ba41436871a0eab851e7f5782d10",
            "fbefde2a7e9ae9dc1e5c2c48f74f6c824ce9ef3c89f68800d44587bedc4ab417cfb3e7447d90e1e417e6e05d30e87239d3a5d1d45993d4461e60a0192831640aa32dedde185a371ded2ae15f8a93dba8809482ce49225daadfbb0fec629e",
            "23880789bdf9ed73be57fa84d555134630e8d0f7df48349f29869a477c13ccca9cd555ac42ad7f568416c3d61959d0ed568b2b81c7771e9088ad7fd55fd4386bafbf5a528c30f107139249357368ffa980de2c76ddd9ce4191376be0e6b5",
            "170010067e2e75ebe2d2904aeb1f89d5dc98cd4a6f2faaa8be6d03354c990fd895a97feb54668473e9d942bb99e196d897e8f1b01625cf48a7b78d249bb4985c065aa8cd1402ed2ba1b6f908f63dcd84b66425df00000000000000000000",
        ])
        var encoder = try FountainEncoder(Self.makeMessage(256), maxFragmentLength: 30)
        #expect(encoder.seqLen == 9 && encoder.fragmentLength == 29 && encoder.checksum == 23_570_951)
        var cbors: [String] = []
        for _ in 0..<20 {
            cbors.append(Self.hex(encoder.nextPart().cbor))
            if cbors.count == 9 { #expect(encoder.isComplete) }
        }
        #expect(cbors == [
            "8501091901001a0167aa07581d916ec65cf77cadf55cd7f9cda1a1030026ddd42e905b77adc36e4f2d3c",
            "8502091901001a0167aa07581dcba44f7f04f2de44f42d84c374a0e149136f25b01852545961d55f7f7a",
            "8503091901001a0167aa07581d8cde6d0e2ec43f3b2dcb644a2209e8c9e34af5c4747984a5e873c9cf5f",
            "8504091901001a0167aa07581d965e25ee29039fdf8ca74f1c769fc07eb7ebaec46e0695aea6cbd60b3e",
            "8505091901001a0167aa07581dc4bbff1b9ffe8a9e7240129377b9d3711ed38d412fbb4442256f1e6f59",
            "8506091901001a0167aa07581d5e0fc57fed451fb0a0101fb76b1fb1e1b88cfdfdaa946294a47de8fff1",
            "8507091901001a0167aa07581d73f021c0e6f65b05c0a494e50791270a0050a73ae69b6725505a2ec8a5",
            "8508091901001a0167aa07581d791457c9876dd34aadd192a53aa0dc66b556c0c215c7ceb8248b717c22",
            "8509091901001a0167aa07581d951e65305b56a3706e3e86eb01c803bbf915d80edcd64d4d0000000000",
            "850a091901001a0167aa07581d330f0f33a05eead4f331df229871bee733b50de71afd2e5a79f196de09",
            "850b091901001a0167aa07581d3b205ce5e52d8c24a52cffa34c564fa1af3fdffcd349dc4258ee4ee828",
            "850c091901001a0167aa07581ddd7bf725ea6c16d531b5f03254783803048ca08b87148daacd1cd7a006",
            "850d091901001a0167aa07581d760be7ad1c6187902bbc04f539b9ee5eb8ea6833222edea36031306c01",
            "850e091901001a0167aa07581d5bf4031217d2c3254b088fa7553778b5003632f46e21db129416f65b55",
            "850f091901001a0167aa07581d73f021c0e6f65b05c0a494e50791270a0050a73ae69b6725505a2ec8a5",
            "8510091901001a0167aa07581db8546ebfe2048541348910267331c643133f828afec9337c318f71b7df",
            "8511091901001a0167aa07581d23dedeea74e3a0fb052befabefa13e2f80e4315c9dceed4c8630612e64",
            "8512091901001a0167aa07581dd01a8daee769ce34b6b35d3ca0005302724abddae405bdb419c0a6b208",
            "8513091901001a0167aa07581d3171c5dc365766eff25ae47c6f10e7de48cfb8474e050e5fe997a6dc24",
            "8514091901001a0167aa07581de055c2433562184fa71b4be94f262e200f01c6f74c284b0dc6fae6673f",
        ])
        let part = FountainPart(seqNum: 12, seqLen: 8, messageLen: 100, checksum: 0x1234_5678, data: [1, 5, 3, 3, 5])
        #expect(Self.hex(part.cbor) == "850c0818641a12345678450105030305")
        #expect(try FountainPart(cbor: part.cbor) == part)
    }

    @Test("single-part and multipart ur:bytes strings; the upper-case form decodes")
    func urStrings() throws {
        let single = UniformResource(bytes: Self.makeMessage(50))
        #expect(single.string == "ur:bytes/hdeymejtswhhylkepmykhhtsytsnoyoyaxaedsuttydmmhhpktpmsrjtgwdpfnsboxgwlbaawzuefywkdplrsrjynbvygabwjldapfcsdwkbrkch")
        #expect(try UniformResource(single.string.uppercased()) == single)
        var encoder = try UREncoder(UniformResource(bytes: Self.makeMessage(256)), maxFragmentLength: 30)
        #expect((0..<20).map { _ in encoder.nextPart() } == [
            "ur:bytes/1-9/lpadascfadaxcywenbpljkhdcahkadaemejtswhhylkepmykhhtsytsnoyoyaxaedsuttydmmhhpktpmsrjtdkgslpgh",
            "ur:bytes/2-9/lpaoascfadaxcywenbpljkhdcagwdpfnsboxgwlbaawzuefywkdplrsrjynbvygabwjldapfcsgmghhkhstlrdcxaefz",
            "ur:bytes/3-9/lpaxascfadaxcywenbpljkhdcahelbknlkuejnbadmssfhfrdpsbiegecpasvssovlgeykssjykklronvsjksopdzmol",
            "ur:bytes/4-9/lpaaascfadaxcywenbpljkhdcasotkhemthydawydtaxneurlkosgwcekonertkbrlwmplssjtammdplolsbrdzcrtas",
            "ur:bytes/5-9/lpahascfadaxcywenbpljkhdcatbbdfmssrkzmcwnezelennjpfzbgmuktrhtejscktelgfpdlrkfyfwdajldejokbwf",
            "ur:bytes/6-9/lpamascfadaxcywenbpljkhdcackjlhkhybssklbwefectpfnbbectrljectpavyrolkzczcpkmwidmwoxkilghdsowp",
            "ur:bytes/7-9/lpatascfadaxcywenbpljkhdcavszmwnjkwtclrtvaynhpahrtoxmwvwatmedibkaegdosftvandiodagdhthtrlnnhy",
            "ur:bytes/8-9/lpayascfadaxcywenbpljkhdcadmsponkkbbhgsoltjntegepmttmoonftnbuoiyrehfrtsabzsttorodklubbuyaetk",
            "ur:bytes/9-9/lpasascfadaxcywenbpljkhdcajskecpmdckihdyhphfotjojtfmlnwmadspaxrkytbztpbauotbgtgtaeaevtgavtny",
            "ur:bytes/10-9/lpbkascfadaxcywenbpljkhdcahkadaemejtswhhylkepmykhhtsytsnoyoyaxaedsuttydmmhhpktpmsrjtwdkiplzs",
            "ur:bytes/11-9/lpbdascfadaxcywenbpljkhdcahelbknlkuejnbadmssfhfrdpsbiegecpasvssovlgeykssjykklronvsjkvetiiapk",
            "ur:bytes/12-9/lpbnascfadaxcywenbpljkhdcarllaluzmdmgstospeyiefmwejlwtpedamktksrvlcygmzemovovllarodtmtbnptrs",
            "ur:bytes/13-9/lpbtascfadaxcywenbpljkhdcamtkgtpknghchchyketwsvwgwfdhpgmgtylctotzopdrpayoschcmhplffziachrfgd",
            "ur:bytes/14-9/lpbaascfadaxcywenbpljkhdcapazewnvonnvdnsbyleynwtnsjkjndeoldydkbkdslgjkbbkortbelomueekgvstegt",
            "ur:bytes/15-9/lpbsascfadaxcywenbpljkhdcaynmhpddpzmversbdqdfyrehnqzlugmjzmnmtwmrouohtstgsbsahpawkditkckynwt",
            "ur:bytes/16-9/lpbeascfadaxcywenbpljkhdcawygekobamwtlihsnpalnsghenskkiynthdzotsimtojetprsttmukirlrsbtamjtpd",
            "ur:bytes/17-9/lpbyascfadaxcywenbpljkhdcamklgftaxykpewyrtqzhydntpnytyisincxmhtbceaykolduortotiaiaiafhiaoyce",
            "ur:bytes/18-9/lpbgascfadaxcywenbpljkhdcahkadaemejtswhhylkepmykhhtsytsnoyoyaxaedsuttydmmhhpktpmsrjtntwkbkwy",
            "ur:bytes/19-9/lpbwascfadaxcywenbpljkhdcadekicpaajootjzpsdrbalpeywllbdsnbinaerkurspbncxgslgftvtsrjtksplcpeo",
            "ur:bytes/20-9/lpbbascfadaxcywenbpljkhdcayapmrleeleaxpasfrtrdkncffwjyjzgyetdmlewtkpktgllepfrltataztksmhkbot",
        ])
        #expect(try UniformResource("ur:test/lsadaoaxjygonesw").cbor == [0x83, 0x01, 0x02, 0x03])
        #expect(try UniformResource("UR:TEST/LSADAOAXJYGONESW").cbor == [0x83, 0x01, 0x02, 0x03])
    }

    @Test("round trips: a 32,767-byte message from part 101 on, raw and as a UR, in order and with a fifth of the parts lost")
    func roundTrips() throws {
        let message = Self.makeMessage(32767)
        var encoder = try FountainEncoder(message, maxFragmentLength: 1000, firstSeqNum: 100)
        var decoder = FountainDecoder()
        var parts = 0
        while !decoder.isComplete {
            try decoder.receive(encoder.nextPart())
            parts += 1
        }
        #expect(decoder.message == message && parts == 49)

        let resource = UniformResource(bytes: message)
        var urEncoder = try UREncoder(resource, maxFragmentLength: 1000, firstSeqNum: 100)
        var urDecoder = URDecoder()
        var dropper = Xoshiro256StarStar(seed: "drop")  // a fixed pseudo-random loss pattern: repeatable
        var sent = 0
        while !urDecoder.isComplete && sent < 10 * urEncoder.seqLen {
            let part = urEncoder.nextPart()
            sent += 1
            if dropper.nextInt(0, 4) == 0 { continue }  // a fifth of the frames never arrive
            try urDecoder.receive(part.uppercased())
        }
        #expect(try urDecoder.result?.bytes() == message)
    }

    @Test("after completion a part of another message is still refused; the same message's parts are no-ops")
    func afterCompletion() throws {
        var encoder = try UREncoder(UniformResource(bytes: Self.makeMessage(256)), maxFragmentLength: 30)
        var other = try UREncoder(UniformResource(bytes: Self.makeMessage(256, seed: "Fox")), maxFragmentLength: 30)
        var decoder = URDecoder()
        for _ in 0..<encoder.seqLen { try decoder.receive(encoder.nextPart()) }
        #expect(decoder.isComplete)
        #expect(try decoder.receive(encoder.nextPart()) == false)
        #expect(throws: URError.self) { try decoder.receive(other.nextPart()) }
        #expect(try decoder.result?.bytes() == Self.makeMessage(256))
    }

    @Test("a part of another message, a corrupted part and a malformed one are refused, naming why")
    func refusals() throws {
        var first = try UREncoder(UniformResource(bytes: Self.makeMessage(256)), maxFragmentLength: 30)
        var other = try UREncoder(UniformResource(bytes: Self.makeMessage(256, seed: "Fox")), maxFragmentLength: 30)
        var decoder = URDecoder()
        try decoder.receive(first.nextPart())
        #expect(throws: URError.self) { try decoder.receive(other.nextPart()) }
        var corrupted = Array(first.nextPart())
        corrupted[corrupted.count - 10] = corrupted[corrupted.count - 10] == "a" ? "e" : "a"
        #expect(throws: URError.self) { try decoder.receive(String(corrupted)) }
        #expect(throws: URError.self) { try decoder.receive("ur:bytes/2-x/lpaoascfadaxcywenbpljkhdcagwdpfnsboxgwlbaawzuefywkdplrsrjynbvygabwjldapfcsgmghhkhstlrdcxaefz") }
        #expect(throws: URError.self) { try decoder.receive("http://example.com") }
        // A whole single-part resource slipped in among the parts is not taken for the transfer.
        #expect(throws: URError.self) { try decoder.receive(UniformResource(bytes: [1, 2, 3]).string) }
        // A part announcing millions of fragments is refused at once (it would stall the sampler and shuffle).
        let hostile = FountainPart(seqNum: 16_777_217, seqLen: 16_777_216, messageLen: 16_777_216, checksum: 1, data: [0])
        #expect(throws: URError.self) { try FountainPart(cbor: hostile.cbor) }
        var fresh = URDecoder()
        #expect(throws: URError.self) { try fresh.receive("ur:bytes/16777217-16777216/" + Bytewords.encode(hostile.cbor, style: .minimal)) }
        #expect(throws: URError.self) { try decoder.receive("ur:other/1-9/lpadascfadaxcywenbpljkhdcahkadaemejtswhhylkepmykhhtsytsnoyoyaxaedsuttydmmhhpktpmsrjtdkgslpgh") }
    }

    /// A part's CBOR with the given numbers (the encoder never writes such values; a hostile frame can).
    static func hostilePart(seqNum: UInt64 = 1, seqLen: UInt64 = 2, messageLen: UInt64, checksum: UInt64 = 1, data: [UInt8] = [0, 1, 2, 3]) -> [UInt8] {
        MinimalCBOR.encode(.array([.unsigned(seqNum), .unsigned(seqLen), .unsigned(messageLen), .unsigned(checksum), .bytes(data)]))
    }

    /// Every width a hostile number can take: at and past 2^31, 2^32, 2^63 and the largest CBOR argument.
    static let hostileWidths: [UInt64] = [1 << 31 - 1, 1 << 31, 1 << 32 - 1, 1 << 32, 1 << 32 + 1, 1 << 63 - 1, 1 << 63, 1 << 63 + 1, UInt64.max - 1, UInt64.max]

    @Test("a part whose message length, fragment count, part number or checksum is out of range at and past every integer width is refused, not trapped")
    func hostileNumbers() throws {
        for value in Self.hostileWidths {
            // From the CBOR, and from a ur: string through the decoder (the path `sealfiling assemble` takes).
            #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(messageLen: value)) }
            var decoder = URDecoder()
            let text = "ur:bytes/1-2/" + Bytewords.encode(Self.hostilePart(messageLen: value), style: .minimal)
            #expect {
                try decoder.receive(text)
            } throws: { error in
                (error as? URError).map { "\($0)".contains("\(value)-byte message") } ?? false
            }
            #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(seqLen: value, messageLen: 4)) }
            if value > UInt64(UInt32.max) {
                #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(seqNum: value, messageLen: 4)) }
                #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(messageLen: 4, checksum: value)) }
            }
        }
        // The bounds themselves: the longest message is read, one byte more or none is not; a message its fragments
        // cannot hold exactly is refused by the decoder.
        #expect(try FountainPart(cbor: Self.hostilePart(messageLen: UInt64(FountainPart.maximumMessageLength))).messageLen == FountainPart.maximumMessageLength)
        #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(messageLen: UInt64(FountainPart.maximumMessageLength) + 1)) }
        #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(messageLen: 0)) }
        for (messageLen, accepted) in [(UInt64(5), true), (8, true), (4, false), (9, false)] {
            var decoder = FountainDecoder()
            let part = try FountainPart(cbor: Self.hostilePart(messageLen: messageLen))
            if accepted { #expect(try decoder.receive(part)) } else { #expect(throws: URError.self) { try decoder.receive(part) } }
        }
        #expect(throws: URError.self) { try FountainPart(cbor: Self.hostilePart(messageLen: 4, data: [])) }
        let widest = Self.hostilePart(seqLen: UInt64(FountainPart.maximumSeqLen), messageLen: UInt64(FountainPart.maximumMessageLength),
                                      data: [UInt8](repeating: 7, count: FountainPart.maximumFragmentLength))
        var widestDecoder = FountainDecoder()
        #expect(try widestDecoder.receive(FountainPart(cbor: widest)))
        // CBOR byte-string and array lengths at every width are refused by the reader itself.
        for value in Self.hostileWidths {
            #expect(throws: URError.self) { try MinimalCBOR.decode(MinimalCBOR.head(major: 2, value) + [1, 2, 3]) }
            #expect(throws: URError.self) { try MinimalCBOR.decode(MinimalCBOR.head(major: 4, value) + [1, 2, 3]) }
        }
    }
}
